package dev.lockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockwatch.testing.ChildProcess;
import dev.lockwatch.testing.LockFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code watch} end to end through the packaged jar: JSON lines as they happen, signals, exit codes. */
class WatchCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void jsonLinesAddedThenReadyThenChangesAsTheyHappenAndSigtermExitsZero() throws Exception {
        Path state = tmp.resolve("state");
        Path sessions = LockFiles.sessionsDir(state, "main");
        long dead = ChildProcess.reapedPid();
        Path existing = LockFiles.write(sessions.resolve("old.jsonl.lock"), dead, Instant.now().minus(Duration.ofMinutes(5)), null);

        try (JarProcess watch = JarProcess.start("watch", "--json", "--stale-after", "90s", state.toString())) {
            JsonNode first = json(watch.nextLine(WAIT));
            assertThat(first.get("event").asText()).isEqualTo("added");
            JsonNode lock = first.get("lock");
            assertThat(lock.get("path").asText()).isEqualTo(existing.toString());
            assertThat(lock.get("session").asText()).isEqualTo("old");
            assertThat(lock.get("agent").asText()).isEqualTo("main");
            assertThat(lock.get("pid").asLong()).isEqualTo(dead);
            assertThat(lock.get("verdict").asText()).isEqualTo("stale");
            assertThat(lock.get("reasons").toString()).isEqualTo("[\"dead-pid\",\"too-old\"]");
            assertThat(lock.has("holder")).isTrue();
            assertThat(json(watch.nextLine(WAIT)).get("event").asText()).isEqualTo("ready");

            Path fresh = LockFiles.write(sessions.resolve("new.jsonl.lock"), dead, Instant.now(), null);
            JsonNode added = json(watch.awaitLine(l -> is(l, "added", fresh), WAIT));
            if (!firstReason(added).equals("dead-pid")) {
                // read between create and write (as OpenClaw's own exclusive-create then write): the write follows
                assertThat(firstReason(added)).isEqualTo("missing-pid");
                JsonNode changed = json(watch.awaitLine(l -> is(l, "changed", fresh), WAIT));
                assertThat(firstReason(changed)).isEqualTo("dead-pid");
            }

            Path newDir = LockFiles.write(LockFiles.sessionsDir(state, "ops").resolve("x.jsonl.lock"), dead, Instant.now(), null);
            watch.awaitLine(l -> is(l, "added", newDir), WAIT);

            Files.delete(fresh);
            JsonNode removed = json(watch.awaitLine(l -> is(l, "removed", fresh), WAIT));
            assertThat(fieldNames(removed)).containsExactly("event", "at", "path");

            int exit = watch.terminate(WAIT); // SIGTERM
            assertThat(exit).as(watch.err()).isZero();
            watch.remainingLines(Duration.ofSeconds(2));
            for (String line : watch.seen()) {
                JsonNode node = json(line);
                assertThat(node.get("event").asText()).isIn("added", "changed", "removed", "ready");
                assertThat(Instant.parse(node.get("at").asText())).isBefore(Instant.now().plusSeconds(1));
            }
            assertThat(watch.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void aMissingRootIsAnErrorLineAndIsPickedUpWhenItAppears() throws Exception {
        Path missing = tmp.resolve("later");
        try (JarProcess watch = JarProcess.start("watch", "--json", missing.toString())) {
            JsonNode error = json(watch.nextLine(WAIT));
            assertThat(fieldNames(error)).containsExactly("event", "at", "path", "error");
            assertThat(error.get("event").asText()).isEqualTo("error");
            assertThat(error.get("path").asText()).isEqualTo(missing.toString());
            assertThat(error.get("error").asText()).isEqualTo("no such directory");
            assertThat(json(watch.nextLine(WAIT)).get("event").asText()).isEqualTo("ready");

            Path lock = LockFiles.write(LockFiles.sessionsDir(missing, "main").resolve("s.jsonl.lock"), "{}");
            JsonNode added = json(watch.awaitLine(l -> is(l, "added", lock), WAIT));
            assertThat(added.get("lock").get("reasons").toString()).isEqualTo("[\"missing-pid\",\"invalid-createdAt\"]");
            assertThat(watch.terminate(WAIT)).isZero();
        }
    }

    @Test
    void humanLinesAndSigintExitZero() throws Exception {
        Path state = tmp.resolve("state");
        Path sessions = LockFiles.sessionsDir(state, "main");
        long dead = ChildProcess.reapedPid();
        LockFiles.write(sessions.resolve("h.jsonl.lock"), dead, Instant.now(), null);
        try (JarProcess watch = JarProcess.start("watch", state.toString())) {
            assertThat(watch.nextLine(WAIT)).matches("\\d\\d:\\d\\d:\\d\\d  added    agents/main/sessions/h\\.jsonl\\.lock  pid "
                    + dead + "  stale  dead-pid");
            assertThat(watch.nextLine(WAIT)).contains("  ready    1 lock under 1 root");
            LockFiles.write(sessions.resolve("e\u001b[31m.jsonl.lock"), dead, Instant.now(), null);
            assertThat(watch.awaitLine(l -> l.contains(" added "), WAIT)).contains("agents/main/sessions/e\\x1b[31m.jsonl.lock");

            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(watch.process().pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(watch.waitFor(WAIT)).as(watch.err()).isZero();
        }
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        JarRunner.Result bad = JarRunner.run("watch", "--stale-after", "soon", tmp.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("'soon' is not a duration");
        assertThat(JarRunner.run("watch", "--help").out()).contains("--json").contains("--stale-after");
    }

    private static boolean is(String line, String event, Path path) {
        JsonNode node = json(line);
        if (!node.get("event").asText().equals(event)) {
            return false;
        }
        JsonNode p = event.equals("removed") ? node.get("path") : node.get("lock").get("path");
        return p.asText().equals(path.toString());
    }

    private static String firstReason(JsonNode line) {
        return line.get("lock").get("reasons").get(0).asText();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
