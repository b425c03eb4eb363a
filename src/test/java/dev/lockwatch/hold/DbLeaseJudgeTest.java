package dev.lockwatch.hold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockwatch.lock.Holder;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.process.FileIdentity;
import dev.lockwatch.testing.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** agent_database_leases rows judged against real children that hold (or do not hold) a real file open. */
class DbLeaseJudgeTest {
    @TempDir
    Path state;
    private Path stateDb;
    private Path agentDb;
    private FileIdentity agentId;

    @BeforeEach
    void files() throws Exception {
        stateDb = Files.createDirectories(state.resolve("state")).resolve("openclaw.sqlite");
        agentDb = Files.createDirectories(state.resolve("agents/main/agent")).resolve("openclaw-agent.sqlite");
        Files.write(agentDb, new byte[4096]);
        agentId = FileIdentity.of(agentDb);
    }

    private static DbLeaseRow row(Long pid, Long startTime) {
        return new DbLeaseRow("lease-1", "main", "agents/main/agent/openclaw-agent.sqlite", pid, startTime,
                Instant.now().toEpochMilli());
    }

    private DbLeaseHold judge(DbLeaseRow row) {
        return DbLeaseJudge.judge(stateDb, agentDb, agentId, row, Contexts.at(Instant.now()));
    }

    @Test
    void ownerHoldingTheDatabaseOpenIsLive() throws Exception {
        try (ChildProcess child = ChildProcess.openClawHolding(agentDb)) {
            DbLeaseHold hold = judge(row(child.pid(), child.starttime()));
            assertThat(hold.verdict()).as(hold.toString()).isEqualTo(Verdict.LIVE);
            assertThat(hold.reasons()).isEmpty();
            assertThat(hold.removable()).isFalse();
            assertThat(hold.holder().hostPid()).isEqualTo(child.pid());
            assertThat(hold.holder().holdsOpen()).isTrue();
            assertThat(hold.id()).isEqualTo("db-lease:" + stateDb + "#lease-1");
        }
    }

    @Test
    void deadOwnerIsStaleAndRemovable() throws Exception {
        DbLeaseHold hold = judge(row(ChildProcess.reapedPid(), 1234L));
        assertThat(hold.verdict()).isEqualTo(Verdict.STALE);
        assertThat(hold.reasons()).containsExactly("dead-owner");
        assertThat(hold.removable()).isTrue();
        assertThat(hold.holder()).isEqualTo(Holder.NONE);
        assertThat(hold.note()).isEqualTo(DbLeaseJudge.NOTE_DEAD_OWNER);
        // dead with a NULL start time is just as dead
        assertThat(judge(row(ChildProcess.reapedPid(), null)).reasons()).containsExactly("dead-owner");
    }

    @Test
    void ownerWithAnotherStartTimeIsDeadEvenWhileHoldingTheFile() throws Exception {
        try (ChildProcess child = ChildProcess.openClawHolding(agentDb)) {
            DbLeaseHold hold = judge(row(child.pid(), child.starttime() + 1));
            assertThat(hold.verdict()).isEqualTo(Verdict.STALE);
            assertThat(hold.reasons()).containsExactly("dead-owner");
            assertThat(hold.removable()).isTrue();
        }
    }

    @Test
    void liveOwnerNotHoldingTheDatabaseIsOrphanedButLeftToOpenClaw() throws Exception {
        try (ChildProcess child = ChildProcess.openClawIdle()) {
            DbLeaseHold hold = judge(row(child.pid(), child.starttime()));
            assertThat(hold.verdict()).isEqualTo(Verdict.ORPHANED);
            assertThat(hold.reasons()).containsExactly("not-held-open");
            assertThat(hold.removable()).isFalse();
            assertThat(hold.holder().holdsOpen()).isFalse();
            assertThat(hold.note()).contains("2026.9.6 purges").doesNotContain("trap");
        }
    }

    @Test
    void nullStartTimeNotHoldingTheDatabaseIsTheTrapOpenClawCannotClear() throws Exception {
        try (ChildProcess child = ChildProcess.openClawIdle()) {
            DbLeaseHold hold = judge(row(child.pid(), null));
            assertThat(hold.verdict()).isEqualTo(Verdict.ORPHANED);
            assertThat(hold.reasons()).containsExactly("not-held-open");
            assertThat(hold.removable()).isFalse();
            assertThat(hold.note()).contains("trap").contains("database is still open in process " + child.pid());
        }
    }

    @Test
    void nullStartTimeHoldingTheDatabaseIsLive() throws Exception {
        try (ChildProcess child = ChildProcess.openClawHolding(agentDb)) {
            assertThat(judge(row(child.pid(), null)).verdict()).isEqualTo(Verdict.LIVE);
        }
    }

    @Test
    void holdingAnotherFileIsNotHoldingTheDatabase() throws Exception {
        Path other = Files.write(state.resolve("other.sqlite"), new byte[16]);
        try (ChildProcess child = ChildProcess.openClawHolding(other)) {
            assertThat(judge(row(child.pid(), child.starttime())).reasons()).containsExactly("not-held-open");
        }
    }

    @Test
    void unknownIdentityLeavesHeldOpenUnjudged() throws Exception {
        try (ChildProcess child = ChildProcess.openClawIdle()) {
            DbLeaseHold hold = DbLeaseJudge.judge(stateDb, null, null, row(child.pid(), child.starttime()),
                    Contexts.at(Instant.now()));
            assertThat(hold.verdict()).isEqualTo(Verdict.LIVE);
            assertThat(hold.holder().holdsOpen()).isNull();
            assertThat(hold.note()).contains("cannot be read");
        }
    }

    @Test
    void noValidPidIsUnresolved() {
        assertThat(judge(row(null, 5L)).verdict()).isEqualTo(Verdict.UNRESOLVED);
        assertThat(judge(row(0L, 5L)).verdict()).isEqualTo(Verdict.UNRESOLVED);
        assertThat(judge(row(-1L, 5L)).removable()).isFalse();
        assertThat(judge(row(Long.MAX_VALUE, 5L)).reasons()).containsExactly("dead-owner");
    }
}
