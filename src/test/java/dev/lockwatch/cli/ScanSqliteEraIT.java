package dev.lockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockwatch.hold.Hostnames;
import dev.lockwatch.testing.ChildProcess;
import dev.lockwatch.testing.LockFiles;
import dev.lockwatch.testing.OpenClawDbs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --json} of a 2026.8+ state dir through the packaged jar: real SQLite files built from OpenClaw's DDL,
 * a real child process as a live owner and a reaped pid as a dead one. Also shows that the read is harmless: the DB
 * files' bytes are unchanged and no sidecar or other file appears beside them.
 */
class ScanSqliteEraIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;

    @Test
    void leasesDbLeasesSessionsAndDatabasesAreListedAndJudged() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
        long now = System.currentTimeMillis();
        long dead = ChildProcess.reapedPid();
        String host = Hostnames.thisHost().replace("'", "''");
        Path stateDb = state.resolve("state/openclaw.sqlite");
        Path agentDb = state.resolve("agents/main/agent/openclaw-agent.sqlite");
        try (ChildProcess owner = ChildProcess.openClawIdle()) {
            long start = owner.starttime();
            OpenClawDbs.create(stateDb, "state-schema-2026.9.6.sql", false,
                    "INSERT INTO schema_meta VALUES ('primary','global',18,NULL,'2026.9.6'," + now + "," + now + ")",
                    lease("startup-migrations", "global", "11111111-1111-4111-8111-111111111111", now + 200_000, now - 1000,
                            "'{\"owner\":{\"pid\":" + owner.pid() + ",\"host\":\"" + host + "\",\"startedAt\":" + start + "}}'", now - 5000),
                    lease("gateway-owner", "global", "22222222-2222-4222-8222-222222222222", now + 100_000, now - 2000,
                            "'{\"owner\":{\"pid\":" + dead + ",\"host\":\"" + host + "\",\"startedAt\":null},\"port\":18789}'", now - 9000),
                    lease("core:plugin-lifecycle", "global", "33333333-3333-4333-8333-333333333333", now - 60_000, now - 120_000,
                            "NULL", now - 180_000),
                    "INSERT INTO agent_database_leases VALUES ('lease-a','main','agents/main/agent/openclaw-agent.sqlite',"
                            + dead + ",NULL," + (now - 3000) + ")",
                    "INSERT INTO agent_databases VALUES ('main','agents/main/agent/openclaw-agent.sqlite',23," + now + ",NULL)");
            OpenClawDbs.create(agentDb, "agent-schema-2026.9.6.sql", false,
                    "INSERT INTO schema_meta VALUES ('primary','agent',23,'main','2026.9.6'," + now + "," + now + ")",
                    "INSERT INTO session_nodes (session_key, current_session_id, entry_json, updated_at, status) VALUES "
                            + "('agent:main:explicit:probea','sess-1','{\"lifecycleRunId\":\"run-1\",\"activeWriterRunId\":\"run-1\","
                            + "\"text\":\"SECRET-TRANSCRIPT\"}'," + (now - 4000) + ",'running')",
                    "INSERT INTO session_nodes (session_key, current_session_id, entry_json, updated_at, status) VALUES "
                            + "('agent:main:explicit:done','sess-2','{\"lastRunId\":\"run-0\"}'," + (now - 4000) + ",'done')");
            Path legacy = LockFiles.write(LockFiles.sessionsDir(state, "main").resolve("old.jsonl.lock"), dead,
                    Instant.now().minus(Duration.ofMinutes(1)), null);
            Map<Path, String> before = hashes();

            JarRunner.Result result = JarRunner.run("scan", "--json", state.toString());
            assertThat(result.exit()).as(result.err()).isEqualTo(1);
            assertThat(result.out()).doesNotContain("SECRET-TRANSCRIPT");
            JsonNode doc = JSON.readTree(result.out());

            Map<String, JsonNode> leases = new HashMap<>();
            doc.get("leases").forEach(l -> leases.put(l.get("scope").asText(), l));
            assertThat(leases).containsOnlyKeys("startup-migrations", "gateway-owner", "core:plugin-lifecycle", "main");
            JsonNode live = leases.get("startup-migrations");
            assertThat(live.get("table").asText()).isEqualTo("state_leases");
            assertThat(live.get("verdict").asText()).as(live.toString()).isEqualTo("live");
            assertThat(live.get("pid").asLong()).isEqualTo(owner.pid());
            assertThat(live.get("starttime").asLong()).isEqualTo(start);
            assertThat(live.get("holder").get("hostPid").asLong()).isEqualTo(owner.pid());
            assertThat(live.get("holder").get("host").asText()).isEqualTo(Hostnames.thisHost());
            assertThat(live.get("expiresInMs").asLong()).isBetween(100_000L, 200_000L);
            assertThat(Instant.parse(live.get("heartbeatAt").asText())).isEqualTo(Instant.ofEpochMilli(now - 1000));
            JsonNode deadOwner = leases.get("gateway-owner");
            assertThat(deadOwner.get("verdict").asText()).isEqualTo("stale");
            assertThat(deadOwner.get("reasons").toString()).isEqualTo("[\"dead-owner\"]");
            assertThat(deadOwner.get("removable").asBoolean()).isTrue();
            JsonNode expired = leases.get("core:plugin-lifecycle");
            assertThat(expired.get("verdict").asText()).isEqualTo("stale");
            assertThat(expired.get("reasons").toString()).isEqualTo("[\"expired\"]");
            assertThat(expired.get("removable").asBoolean()).isFalse();
            assertThat(expired.get("pid").isNull()).isTrue();
            assertThat(expired.get("note").asText()).startsWith("inert");
            JsonNode dbLease = leases.get("main");
            assertThat(dbLease.get("table").asText()).isEqualTo("agent_database_leases");
            assertThat(dbLease.get("owner").asText()).isEqualTo("lease-a");
            assertThat(dbLease.get("key").asText()).isEqualTo("agents/main/agent/openclaw-agent.sqlite");
            assertThat(dbLease.get("verdict").asText()).isEqualTo("stale");
            assertThat(dbLease.get("reasons").toString()).isEqualTo("[\"dead-owner\"]");

            assertThat(doc.get("sessions")).hasSize(1);
            JsonNode session = doc.get("sessions").get(0);
            assertThat(session.get("sessionKey").asText()).isEqualTo("agent:main:explicit:probea");
            assertThat(session.get("sessionId").asText()).isEqualTo("sess-1");
            assertThat(session.get("agent").asText()).isEqualTo("main");
            assertThat(session.get("status").asText()).isEqualTo("running");
            assertThat(session.get("runId").asText()).isEqualTo("run-1");
            assertThat(session.get("activeWriterRunId").asText()).isEqualTo("run-1");
            assertThat(session.get("verdict").asText()).as("no gateway owns the state dir").isEqualTo("orphaned");
            assertThat(session.get("reasons").toString()).isEqualTo("[\"gateway-down\"]");

            assertThat(doc.get("databases")).hasSize(2);
            JsonNode stateInfo = doc.get("databases").get(0);
            assertThat(stateInfo.get("kind").asText()).isEqualTo("state");
            assertThat(stateInfo.get("schemaVersion").asInt()).isEqualTo(18);
            assertThat(stateInfo.get("appVersion").asText()).isEqualTo("2026.9.6");
            assertThat(stateInfo.get("journalMode").asText()).isEqualTo("delete");
            assertThat(stateInfo.get("readVia").asText()).isEqualTo("live");
            assertThat(stateInfo.get("error").isNull()).isTrue();
            assertThat(doc.get("databases").get(1).get("kind").asText()).isEqualTo("agent");
            assertThat(doc.get("gateways")).isEmpty();

            JsonNode lock = doc.get("locks").get(0);
            assertThat(lock.get("path").asText()).isEqualTo(legacy.toString());
            assertThat(lock.get("note").asText()).isEqualTo("inert leftover: OpenClaw 2026.8+ never reads it");

            JarRunner.Result text = JarRunner.run("scan", state.toString());
            assertThat(text.exit()).isEqualTo(1);
            assertThat(text.out()).contains("Leases (state_leases)", "Agent database leases", "Sessions", "Databases")
                    .containsPattern("gateway-owner/global pid " + dead + " +stale +dead-owner")
                    .containsPattern("agent:main:explicit:probea running +orphaned +gateway-down")
                    .contains(stateDb + "  2026.9.6, schema 18, delete")
                    .doesNotContain("SECRET-TRANSCRIPT");

            assertThat(hashes()).as("every file beside the DBs, byte for byte, and no new one").isEqualTo(before);
        }
    }

    @Test
    void aCorruptStateDbIsAnErrorEntryAndNothingIsWritten() throws Exception {
        Path stateDb = state.resolve("state/openclaw.sqlite");
        Files.createDirectories(stateDb.getParent());
        Files.write(stateDb, "SQLite format 3\u0000 but then garbage".repeat(200).getBytes());
        Map<Path, String> before = hashes();
        JarRunner.Result result = JarRunner.run("scan", "--json", state.toString());
        assertThat(result.exit()).as(result.err()).isEqualTo(1);
        JsonNode db = JSON.readTree(result.out()).get("databases").get(0);
        assertThat(db.get("path").asText()).isEqualTo(stateDb.toString());
        assertThat(db.get("error").asText()).isNotBlank().doesNotContain("\n");
        assertThat(hashes()).isEqualTo(before);
    }

    private static String lease(String scope, String key, String owner, long expires, long heartbeat, String payload, long created) {
        return "INSERT INTO state_leases VALUES ('" + scope + "','" + key + "','" + owner + "'," + expires + "," + heartbeat + ","
                + payload + "," + created + "," + heartbeat + ")";
    }

    private Map<Path, String> hashes() throws Exception {
        Map<Path, String> hashes = new HashMap<>();
        try (Stream<Path> files = Files.walk(state)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                hashes.put(f, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            }
        }
        return hashes;
    }
}
