package dev.lockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockwatch.testing.ChildProcess;
import dev.lockwatch.testing.LockFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan} end to end through the packaged jar: the JSON contract, exit codes, human output. */
class ScanCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;

    @Test
    void jsonDocumentHasTheContractFieldsAndExitOneForStale() throws Exception {
        Path sessions = LockFiles.sessionsDir(state, "main");
        Path live = LockFiles.write(sessions.resolve("b-live.jsonl.lock"), "{}");
        try (ChildProcess holder = ChildProcess.openClawHolding(live)) {
            LockFiles.write(live, holder.pid(), Instant.now(), holder.starttime());
            LockFiles.write(sessions.resolve("a-dead.jsonl.lock"), ChildProcess.reapedPid(), Instant.now(), null);

            JarRunner.Result r = JarRunner.run("scan", "--json", state.toString());
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            JsonNode doc = JSON.readTree(r.out());
            assertThat(fieldNames(doc)).containsExactly("scannedAt", "staleAfterMs", "roots", "locks", "errors",
                    "gateways", "leases", "sessions", "databases");
            for (String era : List.of("gateways", "leases", "sessions", "databases")) {
                assertThat(doc.get(era)).as("a July-line state dir has no %s", era).isEmpty();
            }
            assertThat(Instant.parse(doc.get("scannedAt").asText())).isBefore(Instant.now().plusSeconds(1));
            assertThat(doc.get("staleAfterMs").asLong()).isEqualTo(1_800_000L);
            assertThat(doc.get("roots").get(0).asText()).isEqualTo(state.toString());
            JsonNode locks = doc.get("locks");
            assertThat(locks).hasSize(2);
            JsonNode dead = locks.get(0);
            JsonNode alive = locks.get(1); // sorted by path
            assertThat(fieldNames(dead)).contains("path", "session", "pid", "createdAt", "ageMs", "starttime", "holder",
                    "verdict", "reasons", "removable", "error");
            assertThat(fieldNames(dead.get("holder"))).containsExactly("alive", "hostPid", "pidNamespace", "starttime",
                    "command", "holdsOpen");
            assertThat(dead.get("session").asText()).isEqualTo("a-dead");
            assertThat(dead.get("verdict").asText()).isEqualTo("stale");
            assertThat(dead.get("reasons").get(0).asText()).isEqualTo("dead-pid");
            assertThat(dead.get("removable").asBoolean()).isTrue();
            assertThat(dead.get("holder").get("alive").asBoolean()).isFalse();
            assertThat(alive.get("verdict").asText()).isEqualTo("live");
            assertThat(alive.get("pid").asLong()).isEqualTo(holder.pid());
            assertThat(alive.get("starttime").asLong()).isEqualTo(holder.starttime());
            assertThat(alive.get("holder").get("hostPid").asLong()).isEqualTo(holder.pid());
            assertThat(alive.get("holder").get("pidNamespace").asText()).isEqualTo("same");
            assertThat(alive.get("holder").get("holdsOpen").asBoolean()).isTrue();
            assertThat(alive.get("ageMs").asLong()).isBetween(0L, 60_000L);
            assertThat(alive.get("error").isNull()).isTrue();
            assertThat(doc.get("errors")).isEmpty();
        }
    }

    @Test
    void exitZeroWhenEveryLockIsLiveAndHumanTableIsAligned() throws Exception {
        Path sessions = LockFiles.sessionsDir(state, "ops");
        Path live = LockFiles.write(sessions.resolve("s1.jsonl.lock"), "{}");
        try (ChildProcess holder = ChildProcess.openClawHolding(live)) {
            LockFiles.write(live, holder.pid(), Instant.now().minus(Duration.ofSeconds(125)), holder.starttime());
            JarRunner.Result r = JarRunner.run("scan", state.toString());
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            List<String> lines = r.out().lines().toList();
            assertThat(lines.get(0)).matches("PATH\\s+PID\\s+AGE\\s+VERDICT\\s+REASONS");
            assertThat(lines.get(1)).startsWith("agents/ops/sessions/s1.jsonl.lock").contains(" " + holder.pid() + " ")
                    .containsPattern("2m0[5-9]s").contains("live");
            assertThat(lines.get(1).indexOf("live")).isEqualTo(lines.get(0).indexOf("VERDICT"));
            assertThat(lines.get(2)).isEqualTo("1 lock under 1 root: 1 live");
        }
    }

    @Test
    void staleAfterIsASetting() throws Exception {
        Path sessions = LockFiles.sessionsDir(state, "main");
        Path lock = LockFiles.write(sessions.resolve("s.jsonl.lock"), "{}");
        try (ChildProcess holder = ChildProcess.openClawHolding(lock)) {
            LockFiles.write(lock, holder.pid(), Instant.now().minus(Duration.ofMinutes(5)), holder.starttime());
            JarRunner.Result r = JarRunner.run("scan", "--json", "--stale-after", "90s", state.toString());
            JsonNode doc = JSON.readTree(r.out());
            assertThat(doc.get("staleAfterMs").asLong()).isEqualTo(90_000L);
            assertThat(doc.get("locks").get(0).get("reasons").get(0).asText()).isEqualTo("too-old");
            assertThat(doc.get("locks").get(0).get("removable").asBoolean()).isFalse();
            assertThat(r.exit()).isEqualTo(1);
        }
    }

    @Test
    void usageErrorsAndUnreadableRootsExitTwoWithOneLineCause() throws Exception {
        JarRunner.Result badDuration = JarRunner.run("scan", "--stale-after", "soon", state.toString());
        assertThat(badDuration.exit()).isEqualTo(2);
        assertThat(badDuration.err()).contains("'soon' is not a duration").doesNotContain("Exception").doesNotContain("\tat ");

        JarRunner.Result missing = JarRunner.run("scan", "--json", state.resolve("missing").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(JSON.readTree(missing.out()).get("errors").get(0).get("error").asText()).isEqualTo("no such directory");
        assertThat(missing.err().strip()).isEqualTo("lockwatch: " + state.resolve("missing") + ": no such directory");

        JarRunner.Result unknown = JarRunner.run("scna");
        assertThat(unknown.exit()).isEqualTo(2);
    }

    @Test
    void emptyRootIsFineAndTheCliNeverLoadsJavaFx() throws Exception {
        JarRunner.Result r = JarRunner.run(List.of("-verbose:class"), "scan", "--json", state.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).doesNotContain("javafx.");
        assertThat(r.out()).contains("dev.lockwatch.cli.ScanCommand");
    }

    @Test
    void versionAndHelp() throws Exception {
        assertThat(JarRunner.run("--version").out()).startsWith("lockwatch 0.");
        assertThat(JarRunner.run("scan", "--help").out()).contains("--stale-after").contains("--json");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
