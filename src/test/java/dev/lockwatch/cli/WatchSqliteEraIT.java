package dev.lockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockwatch.testing.OpenClawDbs;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch --json} follows the 2026.8+ state DB as a gateway writes it: lease rows already there are {@code added}
 * before {@code ready}, a new row is {@code added}, a renewal is {@code changed}, a released row is {@code removed},
 * each with its {@code kind} and the object {@code scan --json} prints.
 */
class WatchSqliteEraIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path state;

    @Test
    void leaseRowsAreAddedChangedAndRemovedAsTheDatabaseChanges() throws Exception {
        long now = System.currentTimeMillis();
        Path stateDb = state.resolve("state/openclaw.sqlite");
        OpenClawDbs.create(stateDb, "state-schema-2026.9.6.sql", false,
                "INSERT INTO schema_meta VALUES ('primary','global',18,NULL,'2026.9.6'," + now + "," + now + ")",
                lease("core:onboarding", "global", now + 600_000, now));
        try (JarProcess watch = JarProcess.start("watch", "--json", state.toString())) {
            JsonNode first = JSON.readTree(watch.awaitLine(l -> l.contains("core:onboarding"), WAIT));
            assertThat(first.get("event").asText()).isEqualTo("added");
            assertThat(first.get("kind").asText()).isEqualTo("lease");
            assertThat(first.get("lease").get("verdict").asText()).isEqualTo("live");
            watch.awaitLine(l -> l.contains("\"ready\""), WAIT);
            assertThat(watch.seen().indexOf(watch.seen().stream().filter(l -> l.contains("\"ready\"")).findFirst().orElseThrow()))
                    .isGreaterThan(watch.seen().indexOf(watch.seen().stream().filter(l -> l.contains("core:onboarding")).findFirst().orElseThrow()));

            OpenClawDbs.write(stateDb, lease("session-workspace-action", "sess-9", now + 60_000, now));
            JsonNode added = JSON.readTree(watch.awaitLine(l -> l.contains("\"added\"") && l.contains("sess-9"), WAIT));
            assertThat(added.get("lease").get("scope").asText()).isEqualTo("session-workspace-action");
            assertThat(added.get("lease").get("expiresInMs").asLong()).isPositive();

            OpenClawDbs.write(stateDb, "UPDATE state_leases SET heartbeat_at=" + (now + 5000) + ", expires_at=" + (now + 65_000)
                    + " WHERE lease_key='sess-9'");
            JsonNode changed = JSON.readTree(watch.awaitLine(l -> l.contains("\"changed\"") && l.contains("sess-9"), WAIT));
            assertThat(changed.get("lease").get("heartbeatAt").asText()).isNotEqualTo(added.get("lease").get("heartbeatAt").asText());

            OpenClawDbs.write(stateDb, "DELETE FROM state_leases WHERE lease_key='sess-9'");
            JsonNode removed = JSON.readTree(watch.awaitLine(l -> l.contains("\"removed\"") && l.contains("sess-9"), WAIT));
            assertThat(removed.get("kind").asText()).isEqualTo("lease");
            assertThat(removed.get("id").asText()).endsWith("#session-workspace-action/sess-9");
            assertThat(watch.terminate(WAIT)).as(watch.err()).isZero();
            assertThat(watch.err()).doesNotContain("Exception");
        }
    }

    private static String lease(String scope, String key, long expires, long heartbeat) {
        return "INSERT INTO state_leases VALUES ('" + scope + "','" + key + "','44444444-4444-4444-8444-444444444444'," + expires + ","
                + heartbeat + ",NULL," + heartbeat + "," + heartbeat + ")";
    }
}
