package dev.lockwatch.sqlite;

import dev.lockwatch.testing.OpenClawDbs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockwatch.hold.AgentDbRow;
import dev.lockwatch.hold.BootRow;
import dev.lockwatch.hold.DatabaseFacts.ReadVia;
import dev.lockwatch.hold.DbKind;
import dev.lockwatch.hold.DbLeaseRow;
import dev.lockwatch.hold.LeaseRow;
import dev.lockwatch.hold.StateDbRead;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StateDbReaderTest {
    @TempDir
    Path dir;
    Path tmpRoot;
    StateDbReader reader;

    @BeforeEach
    void setUp() throws Exception {
        tmpRoot = Files.createDirectory(dir.resolve("tmproot"));
        reader = new StateDbReader(new SafeOpen(tmpRoot));
    }

    static void fill(Connection c) throws Exception {
        OpenClawDbs.insert(c, "INSERT INTO state_leases VALUES (?,?,?,?,?,?,?,?)", "gateway-owner", "global", "own-1", 5000L, 4000L,
                "{\"owner\":{\"pid\":42,\"host\":\"h\",\"startedAt\":7}}", 1000L, 4000L);
        OpenClawDbs.insert(c, "INSERT INTO state_leases VALUES (?,?,?,?,?,?,?,?)", "core:onboarding", "global", "own-2", null, null,
                null, 10L, 11L);
        OpenClawDbs.insert(c, "INSERT INTO agent_database_leases VALUES (?,?,?,?,?,?)", "l1", "main",
                "agents/main/agent/openclaw-agent.sqlite", 42L, null, 123L);
        OpenClawDbs.insert(c, "INSERT INTO agent_databases (agent_id, path, schema_version, last_seen_at) VALUES (?,?,?,?)",
                "main", "agents/main/agent/openclaw-agent.sqlite", 23, 999L);
        OpenClawDbs.insert(c, "INSERT INTO gateway_boot_lifecycle VALUES (?,?,?,?,?,?,?)", "b1", 42L, 100L, null, null, "start", null);
        OpenClawDbs.insert(c, "INSERT INTO gateway_boot_lifecycle VALUES (?,?,?,?,?,?,?)", "b0", 41L, 50L, 60L, "ok", "start", "sigterm");
    }

    static void assertRows(StateDbRead r) {
        assertThat(r.leases()).containsExactly(
                new LeaseRow("core:onboarding", "global", "own-2", null, null, null, 10L, 11L),
                new LeaseRow("gateway-owner", "global", "own-1", 5000L, 4000L, "{\"owner\":{\"pid\":42,\"host\":\"h\",\"startedAt\":7}}",
                        1000L, 4000L));
        assertThat(r.dbLeases()).containsExactly(new DbLeaseRow("l1", "main", "agents/main/agent/openclaw-agent.sqlite", 42L, null, 123L));
        assertThat(r.agentDbs()).containsExactly(new AgentDbRow("main", "agents/main/agent/openclaw-agent.sqlite", 23, 999L));
        assertThat(r.boots()).containsExactly(new BootRow("b0", 41L, 50L, 60L, "ok", "start", "sigterm"),
                new BootRow("b1", 42L, 100L, null, null, "start", null));
    }

    @ParameterizedTest
    @CsvSource({"2026.9.6,18,true", "2026.9.6,18,false", "2026.8.1,15,true", "2026.8.1,15,false"})
    void everyTableComesBackAsWrittenAndNothingIsLeftBehind(String version, int schema, boolean wal) throws Exception {
        Path db = dir.resolve("openclaw.sqlite");
        try (Connection c = OpenClawDbs.create(db, "state", version, wal, schema)) {
            fill(c);
        }
        String hash = OpenClawDbs.sha256(db);
        StateDbRead r = reader.read(db);
        assertThat(r.facts().error()).isNull();
        assertThat(r.facts().kind()).isEqualTo(DbKind.STATE);
        assertThat(r.facts().schemaVersion()).isEqualTo(schema);
        assertThat(r.facts().appVersion()).isEqualTo(version);
        assertThat(r.facts().role()).isEqualTo("global");
        assertThat(r.facts().journalMode()).isEqualTo(wal ? "wal" : "delete");
        assertThat(r.facts().readVia()).isEqualTo(wal ? ReadVia.COPY : ReadVia.LIVE);
        assertThat(r.facts().walBytes()).isNull();
        assertThat(r.facts().unknownSchema()).isFalse();
        assertRows(r);
        assertThat(OpenClawDbs.sha256(db)).isEqualTo(hash);
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("openclaw.sqlite", "tmproot");
        }
        try (var s = Files.list(tmpRoot)) {
            assertThat(s.count()).isZero();
        }
    }

    @Test
    void aWalDatabaseTheGatewayHasOpenIsReadLiveWithItsWalSize() throws Exception {
        Path db = dir.resolve("openclaw.sqlite");
        try (Connection gateway = OpenClawDbs.create(db, "state", "2026.9.6", true, 18)) {
            fill(gateway);
            Path wal = dir.resolve("openclaw.sqlite-wal");
            assertThat(Files.exists(dir.resolve("openclaw.sqlite-shm"))).isTrue();
            String dbHash = OpenClawDbs.sha256(db);
            String walHash = OpenClawDbs.sha256(wal);
            StateDbRead r = reader.read(db);
            assertThat(r.facts().readVia()).isEqualTo(ReadVia.LIVE);
            assertThat(r.facts().walBytes()).isEqualTo(Files.size(wal)).isPositive();
            assertRows(r);
            assertThat(OpenClawDbs.sha256(db)).isEqualTo(dbHash);
            assertThat(OpenClawDbs.sha256(wal)).isEqualTo(walHash);
        }
    }

    @Test
    void aNewerSchemaWithAMissingKnownTableIsReadForTheTablesThatExist() throws Exception {
        Path db = dir.resolve("openclaw.sqlite");
        try (Connection c = OpenClawDbs.create(db, "state", "2026.9.6", false, 99)) {
            fill(c);
            OpenClawDbs.exec(c, "DROP TABLE agent_databases; DROP TABLE gateway_boot_lifecycle;");
        }
        StateDbRead r = reader.read(db);
        assertThat(r.facts().error()).isNull();
        assertThat(r.facts().unknownSchema()).isTrue();
        assertThat(r.facts().schemaVersion()).isEqualTo(99);
        assertThat(r.agentDbs()).isEmpty();
        assertThat(r.boots()).isEmpty();
        assertThat(r.leases()).hasSize(2);
        assertThat(r.dbLeases()).hasSize(1);
    }

    @Test
    void aDatabaseWithoutSchemaMetaOrTablesIsReadAsEmpty() throws Exception {
        Path db = dir.resolve("openclaw.sqlite");
        try (Connection c = OpenClawDbs.open(db)) {
            OpenClawDbs.exec(c, "CREATE TABLE other(x);");
        }
        StateDbRead r = reader.read(db);
        assertThat(r.facts().error()).isNull();
        assertThat(r.facts().schemaVersion()).isNull();
        assertThat(r.facts().unknownSchema()).isFalse();
        assertThat(r.leases()).isEmpty();
    }

    @Test
    void anUnreadableFileGivesAFailedReadNotAnException() throws Exception {
        Path db = Files.createFile(dir.resolve("openclaw.sqlite"));
        StateDbRead r = reader.read(db);
        assertThat(r.facts().readable()).isFalse();
        assertThat(r.facts().error()).isEqualTo("empty file (not a database yet)");
        assertThat(r.facts().path()).isEqualTo(db);
        assertThat(r.leases()).isEmpty();
    }
}
