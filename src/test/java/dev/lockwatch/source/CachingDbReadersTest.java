package dev.lockwatch.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockwatch.hold.AgentDbRead;
import dev.lockwatch.hold.DatabaseFacts;
import dev.lockwatch.hold.DbKind;
import dev.lockwatch.hold.StateDbRead;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database is read again only when it or a sidecar changed, and never reused while it was just written. */
class CachingDbReadersTest {
    @TempDir
    Path dir;

    private final AtomicInteger reads = new AtomicInteger();
    private final DbReaders counting = new DbReaders() {
        @Override
        public StateDbRead readState(Path stateDb) {
            reads.incrementAndGet();
            return StateDbRead.failed(DatabaseFacts.failed(stateDb, DbKind.STATE, "read " + reads.get()));
        }

        @Override
        public AgentDbRead readAgent(Path agentDb, String agentId) {
            throw new AssertionError();
        }

        @Override
        public List<AgentDb> agentDbs(Path stateDir, StateDbRead state) {
            return List.of();
        }
    };

    @Test
    void anUnchangedSettledDbIsReadOnceAndAChangedSidecarMeansAReadAgain() throws Exception {
        Path db = Files.writeString(dir.resolve("openclaw.sqlite"), "x");
        Files.setLastModifiedTime(db, FileTime.from(Instant.now().minusSeconds(10)));
        CachingDbReaders cache = new CachingDbReaders(counting);
        cache.readState(db);
        cache.readState(db);
        assertThat(reads).hasValue(1);

        Path wal = Files.writeString(dir.resolve("openclaw.sqlite-wal"), "w");
        assertThat(cache.readState(db).facts().error()).isEqualTo("read 2");
        Files.setLastModifiedTime(wal, FileTime.from(Instant.now().minusSeconds(10)));
        cache.readState(db);
        cache.readState(db);
        assertThat(reads).as("a sidecar's mtime is part of the stamp; settled again it is read once and then cached").hasValue(3);

        Files.writeString(wal, "ww");
        Files.setLastModifiedTime(wal, FileTime.from(Instant.now().minusSeconds(10)));
        cache.readState(db);
        assertThat(reads).as("a size change is a change even with an old mtime").hasValue(4);
    }

    @Test
    void aDbWrittenLessThanASecondAgoIsReadEveryTime() throws Exception {
        Path db = Files.writeString(dir.resolve("openclaw.sqlite"), "x");
        CachingDbReaders cache = new CachingDbReaders(counting);
        cache.readState(db);
        cache.readState(db);
        cache.readState(db);
        assertThat(reads).hasValue(3);
    }
}
