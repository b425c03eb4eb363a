package dev.lockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockwatch.testing.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway} end to end through the packaged jar: the JSON contract, exit codes 0/4/2, safe human output. */
class GatewayCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path locks;

    @BeforeAll
    static void needsLinux() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
    }

    private static String lock(long pid, Long startTime, String configPath) {
        return "{\n  \"pid\": " + pid + ",\n  \"createdAt\": \"" + Instant.now() + "\",\n  \"configPath\": " + JsonText.quote(configPath)
                + (startTime == null ? "" : ",\n  \"startTime\": " + startTime) + ",\n  \"port\": 18799\n}";
    }

    @Test
    void jsonContractAndExitZeroForAVerifiedGateway() throws Exception {
        try (ChildProcess gw = ChildProcess.openClawIdle()) {
            Path file = Files.writeString(locks.resolve("gateway.1a2b3c4d.lock"), lock(gw.pid(), gw.starttime(), "/nonexistent/openclaw.json"));
            JarRunner.Result r = JarRunner.run("gateway", "--json", "--lock-dir", locks.toString());
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            JsonNode doc = JSON.readTree(r.out());
            assertThat(fieldNames(doc)).containsExactly("gateways");
            JsonNode g = doc.get("gateways").get(0);
            assertThat(fieldNames(g)).containsExactly("lockPath", "pid", "hostPid", "createdAt", "configPath", "verified", "why",
                    "version", "command", "restartSignal", "restartEnabled", "startTime", "port");
            assertThat(g.get("lockPath").asText()).isEqualTo(file.toString());
            assertThat(g.get("pid").asLong()).isEqualTo(gw.pid());
            assertThat(g.get("hostPid").asLong()).isEqualTo(gw.pid());
            assertThat(g.get("verified").asBoolean()).isTrue();
            assertThat(g.get("why").asText()).isEqualTo("pid " + gw.pid() + " is alive and its starttime " + gw.starttime() + " matches the lock");
            assertThat(g.get("version").isNull()).as("no install at /opt/openclaw here: unknown").isTrue();
            assertThat(g.get("restartSignal").isNull()).isTrue();
            assertThat(g.get("restartEnabled").isNull()).as("config missing: unknown").isTrue();
            assertThat(g.get("command").asText()).contains("/opt/openclaw/openclaw.mjs gateway");
            assertThat(g.get("startTime").asLong()).isEqualTo(gw.starttime());
            assertThat(g.get("port").asInt()).isEqualTo(18799);
        }
    }

    @Test
    void exitFourWhenNoneIsVerifiedAndHumanOutputIsSafe() throws Exception {
        try (ChildProcess plain = ChildProcess.bash("echo ready; read -r _")) {
            Files.writeString(locks.resolve("gateway.1a2b3c4d.lock"), lock(plain.pid(), null, "/tmp/\u001b[31mred\u0007.json"));
            JarRunner.Result r = JarRunner.run("gateway", "--lock-dir", locks.toString());
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(4);
            assertThat(r.out()).doesNotContain("\u001b").doesNotContain("\u0007").contains("/tmp/\\x1b[31mred\\x07.json");
            List<String> lines = r.out().lines().toList();
            assertThat(lines.get(0)).isEqualTo(locks.resolve("gateway.1a2b3c4d.lock").toString());
            assertThat(lines.get(1)).isEqualTo("  verified  NO: pid " + plain.pid()
                    + " is alive but its command line is not a gateway's, and the lock records no startTime");
            assertThat(lines.get(lines.size() - 1)).isEqualTo("1 gateway lock, 0 verified");
        }
    }

    @Test
    void exitFourWhenNoneIsFoundAndTwoForUsageErrors() throws Exception {
        JarRunner.Result none = JarRunner.run("gateway", "--lock-dir", locks.toString());
        assertThat(none.exit()).isEqualTo(4);
        assertThat(none.out().strip()).isEqualTo("0 gateway locks, 0 verified");
        assertThat(none.err().strip()).isEqualTo("lockwatch: no gateway lock found (looked in " + locks + ")");

        JarRunner.Result noneJson = JarRunner.run("gateway", "--json", "--lock-dir", locks.toString());
        assertThat(noneJson.exit()).isEqualTo(4);
        assertThat(JSON.readTree(noneJson.out()).get("gateways")).isEmpty();

        JarRunner.Result missing = JarRunner.run("gateway", "--lock-dir", locks.resolve("missing").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("lockwatch: " + locks.resolve("missing") + ": no such directory");

        assertThat(JarRunner.run("gateway", "--frobnicate").exit()).isEqualTo(2);
        assertThat(JarRunner.run("gateway", "--help").out()).contains("--state-dir").contains("--lock-dir").contains("--json");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** JSON string literal. */
    private static final class JsonText {
        static String quote(String s) {
            try {
                return JSON.writeValueAsString(s);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
