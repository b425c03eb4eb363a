package dev.lockwatch.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log survives SIGKILL mid-write: a child JVM appends records of a few MB in a loop (large enough that a
 * kill can land inside the write and tear it) and is killed, several times over the same file. Every record that
 * completed parses, none is lost, a torn fragment stays a line of its own, and {@link AuditReader#tail} skips it.
 */
class AuditLogCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The child: appends {@code {"round", "seq", "pad"}} records until killed; prints "ready" after the first. */
    public static final class Appender {
        public static void main(String[] args) throws Exception {
            AuditLog log = new AuditLog(Path.of(args[0]), Clock.systemUTC());
            for (int seq = 0; ; seq++) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("round", Integer.parseInt(args[1]));
                fields.put("seq", seq);
                fields.put("pad", "x".repeat(ThreadLocalRandom.current().nextInt(1, 6 << 20)));
                log.append("crash-test", fields);
                if (seq == 0) {
                    System.out.println("ready");
                    System.out.flush();
                }
            }
        }
    }

    @Test
    void aTornLastLineNeverSwallowsTheNextRecord() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        Files.writeString(file, "{\"at\":\"2026-11-27T12:00:00Z\",\"action\":\"remove-lock\",\"pa"); // killed mid-write
        new AuditLog(file, Clock.systemUTC()).append("signal", Map.of("result", "sent", "hostPid", 4242));
        List<JsonNode> records = AuditReader.tail(file);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).get("action").asText()).isEqualTo("signal");
        assertThat(AuditReader.lastSignalled(file, 4242)).isNotNull(); // the cooldown still sees the signal
        assertThat(Files.readAllLines(file)).hasSize(2);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void sigkillMidWriteLeavesValidJsonLinesAndLosesNoCompletedRecord() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        int rounds = 4;
        for (int round = 0; round < rounds; round++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), Appender.class.getName(), file.toString(), Integer.toString(round))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).isEqualTo("ready");
                TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextInt(50, 400));
                child.destroyForcibly(); // SIGKILL
                assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
        }

        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        String last = lines.remove(lines.size() - 1); // "" when the file ends with a newline, else the torn tail
        List<JsonNode> parsed = new ArrayList<>();
        int torn = 0;
        for (String line : lines) {
            JsonNode node = parse(line);
            if (node == null) {
                torn++; // a fragment left by a kill, on its own line
            } else {
                parsed.add(node);
            }
        }
        assertThat(torn + (last.isEmpty() ? 0 : 1)).as("at most one torn fragment per kill").isLessThanOrEqualTo(rounds);
        // within each round the completed records are 0..k without a gap: none was glued to a fragment and lost
        for (int round = 0; round < rounds; round++) {
            int r = round;
            List<Integer> seqs = parsed.stream().filter(n -> n.get("round").asInt() == r).map(n -> n.get("seq").asInt()).toList();
            assertThat(seqs).as("round %d", round).isNotEmpty();
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).as("round %d record %d", round, i).isEqualTo(i);
            }
        }
        System.out.printf("audit crash test: %d records, %d torn fragments, %s%n", parsed.size(), torn,
                last.isEmpty() ? "ends with a newline" : "torn tail of " + last.length() + " chars");
        List<JsonNode> tail = AuditReader.tail(file); // the last MiB: skips a torn tail
        assertThat(tail).allSatisfy(n -> assertThat(n.get("action").asText()).isEqualTo("crash-test"));
        // and the log takes the next record cleanly
        new AuditLog(file, Clock.systemUTC()).append("after", Map.of());
        List<JsonNode> after = AuditReader.tail(file);
        assertThat(after.get(after.size() - 1).get("action").asText()).isEqualTo("after");
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }
}
