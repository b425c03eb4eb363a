package dev.lockwatch.sqlite;

import dev.lockwatch.testing.OpenClawDbs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockwatch.hold.AgentDbRead;
import dev.lockwatch.hold.DatabaseFacts.ReadVia;
import dev.lockwatch.hold.DbKind;
import dev.lockwatch.hold.SessionRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentDbReaderTest {
    @TempDir
    Path dir;
    Path tmpRoot;
    AgentDbReader reader;

    @BeforeEach
    void setUp() throws Exception {
        tmpRoot = Files.createDirectory(dir.resolve("tmproot"));
        reader = new AgentDbReader(new SafeOpen(tmpRoot));
    }

    private static void session(Connection c, String key, String status, long updated, String entry) throws Exception {
        OpenClawDbs.insert(c, "INSERT INTO session_nodes (session_key, current_session_id, entry_json, updated_at, status)"
                + " VALUES (?,?,?,?,?)", key, "sid-" + key, entry, updated, status);
    }

    @ParameterizedTest
    @CsvSource({"2026.9.6,23,true", "2026.9.6,23,false", "2026.8.1,19,true", "2026.8.1,19,false"})
    void onlyRowsThatCanHoldComeBackReducedToRunAndRecoveryKeys(String version, int schema, boolean wal) throws Exception {
        Path db = dir.resolve("openclaw-agent.sqlite");
        try (Connection c = OpenClawDbs.create(db, "agent", version, wal, schema)) {
            session(c, "agent:main:a-running", "running", 10,
                    "{\"lifecycleRunId\":\"r1\",\"activeWriterRunId\":\"r1\",\"label\":\"secret label\",\"messages\":[\"private\"]}");
            session(c, "agent:main:b-done", "done", 11,
                    "{\"lastRunId\":\"r0\",\"activeWriterRunId\":\"r0\",\"abortedLastRun\":false,\"restartRecoveryRuns\":[]}");
            session(c, "agent:main:c-recovering", "failed", 12,
                    "{\"lastRunId\":\"r2\",\"abortedLastRun\":true,\"mainRestartRecovery\":{\"cycleId\":\"c\",\"revision\":2,"
                            + "\"chargedAttempts\":1},\"restartRecoveryRuns\":[\"r2\"],\"prompt\":\"private\"}");
            session(c, "agent:main:d-broken", "running", 13, "not json {");
            session(c, "agent:main:e-null", null, 14, "{\"mainRestartRecovery\":null,\"lifecycleRunId\":null}");
            session(c, "agent:main:f-runs", "done", 15, "{\"restartRecoveryRuns\":[\"x\"]}");
        }
        String hash = OpenClawDbs.sha256(db);
        AgentDbRead r = reader.read(db, "main");
        assertThat(r.facts().error()).isNull();
        assertThat(r.agentId()).isEqualTo("main");
        assertThat(r.facts().kind()).isEqualTo(DbKind.AGENT);
        assertThat(r.facts().schemaVersion()).isEqualTo(schema);
        assertThat(r.facts().role()).isEqualTo("agent");
        assertThat(r.facts().journalMode()).isEqualTo(wal ? "wal" : "delete");
        assertThat(r.facts().readVia()).isEqualTo(wal ? ReadVia.COPY : ReadVia.LIVE);
        assertThat(r.facts().unknownSchema()).isFalse();
        assertThat(r.sessions()).containsExactly(
                new SessionRow("agent:main:a-running", "sid-agent:main:a-running", "running", 10L,
                        "{\"lifecycleRunId\":\"r1\",\"activeWriterRunId\":\"r1\"}"),
                new SessionRow("agent:main:c-recovering", "sid-agent:main:c-recovering", "failed", 12L,
                        "{\"lastRunId\":\"r2\",\"abortedLastRun\":true,\"mainRestartRecovery\":{\"cycleId\":\"c\",\"revision\":2,"
                                + "\"chargedAttempts\":1},\"restartRecoveryRuns\":[\"r2\"]}"),
                new SessionRow("agent:main:d-broken", "sid-agent:main:d-broken", "running", 13L, null),
                new SessionRow("agent:main:f-runs", "sid-agent:main:f-runs", "done", 15L, "{\"restartRecoveryRuns\":[\"x\"]}"));
        assertThat(OpenClawDbs.sha256(db)).isEqualTo(hash);
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("openclaw-agent.sqlite", "tmproot");
        }
    }

    @Test
    void aNewerAgentSchemaIsSaidSo() throws Exception {
        Path db = dir.resolve("openclaw-agent.sqlite");
        try (Connection c = OpenClawDbs.create(db, "agent", "2026.9.6", false, 24)) {
            session(c, "k", "running", 1, "{}");
        }
        AgentDbRead r = reader.read(db, "main");
        assertThat(r.facts().unknownSchema()).isTrue();
        assertThat(r.sessions()).extracting(SessionRow::entryJson).containsExactly("{}");
    }

    @Test
    void aMissingSessionTableAndAMissingFileAreNotCrashes() throws Exception {
        Path db = dir.resolve("openclaw-agent.sqlite");
        try (Connection c = OpenClawDbs.create(db, "agent", "2026.9.6", false, 99)) {
            OpenClawDbs.exec(c, "PRAGMA foreign_keys=OFF; DROP TABLE session_nodes;");
        }
        AgentDbRead r = reader.read(db, "main");
        assertThat(r.facts().error()).isNull();
        assertThat(r.sessions()).isEmpty();
        AgentDbRead gone = reader.read(dir.resolve("gone.sqlite"), "x");
        assertThat(gone.facts().error()).isEqualTo("no such file");
        assertThat(gone.agentId()).isEqualTo("x");
    }
}
