package dev.lockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockwatch.testing.DemoGatewayProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code restart} and {@code clean} end to end through the packaged jar, against the demo gateway. */
class RestartCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;
    @TempDir
    Path data;

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux");
    }

    private String audit() {
        return data.resolve("audit.jsonl").toString();
    }

    @Test
    void releaseModeExitsZeroWithTheContractFields() throws Exception {
        try (DemoGatewayProcess demo = DemoGatewayProcess.start(state, "--sessions", "2", "--mode", "release")) {
            JarRunner.Result r = JarRunner.run("restart", "--json", "--yes", "--state-dir", state.toString(), "--audit-log", audit());
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            JsonNode doc = JSON.readTree(r.out());
            assertThat(doc.get("outcome").asText()).isEqualTo("released");
            assertThat(doc.get("signal").asText()).isEqualTo("SIGUSR1");
            assertThat(doc.get("gateway").get("pid").asLong()).isEqualTo(demo.pid());
            assertThat(doc.get("gateway").get("verified").asBoolean()).isTrue();
            assertThat(doc.get("tracked")).hasSize(2);
            assertThat(doc.get("released")).hasSize(2);
            assertThat(doc.get("released").get(0).get("afterMs").asLong()).isNotNegative();
            assertThat(doc.get("survivors")).isEmpty();
            assertThat(doc.get("gatewayAfter").get("samePid").asBoolean()).isTrue();
            assertThat(doc.get("elapsedMs").asLong()).isPositive();
            assertThat(doc.get("signalledAt").asText()).isNotEmpty();
        }
    }

    @Test
    void leakModeExitsThreeAndCleanRemovesTheOrphans() throws Exception {
        try (DemoGatewayProcess demo = DemoGatewayProcess.start(state, "--sessions", "2", "--mode", "leak")) {
            JarRunner.Result r = JarRunner.run("restart", "--json", "--yes", "--timeout", "3s", "--state-dir", state.toString(),
                    "--audit-log", audit());
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
            JsonNode doc = JSON.readTree(r.out());
            assertThat(doc.get("outcome").asText()).isEqualTo("survivors");
            for (JsonNode s : doc.get("survivors")) {
                assertThat(s.get("verdict").asText()).isEqualTo("orphaned");
                assertThat(s.get("reasons").toString()).contains("predates-gateway-restart");
            }
            JarRunner.Result keep = JarRunner.run("clean", "--json", "--audit-log", audit(), state.toString());
            assertThat(JSON.readTree(keep.out()).get("results")).allSatisfy(x -> assertThat(x.get("outcome").asText()).isEqualTo("kept"));
            JarRunner.Result clean = JarRunner.run("clean", "--json", "--include-orphaned", "--audit-log", audit(), state.toString());
            assertThat(clean.exit()).as(clean.out()).isZero();
            assertThat(JSON.readTree(clean.out()).get("results")).hasSize(2)
                    .allSatisfy(x -> assertThat(x.get("outcome").asText()).isEqualTo("removed"));
            for (JsonNode s : doc.get("survivors")) {
                assertThat(Path.of(s.get("path").asText())).doesNotExist();
            }
            assertThat(demo.pid()).isPositive();
        }
    }

    @Test
    void refusalsAndUsage() throws Exception {
        JarRunner.Result none = JarRunner.run("restart", "--json", "--yes", "--state-dir", state.toString(), "--lock-dir",
                Files.createDirectories(state.resolve("empty")).toString(), "--audit-log", audit());
        assertThat(none.exit()).isEqualTo(4);
        assertThat(JSON.readTree(none.out()).get("outcome").asText()).isEqualTo("refused");
        // the documented spelling: lower-case auto
        JarRunner.Result auto = JarRunner.run("restart", "--json", "--yes", "--signal", "auto", "--lock-dir",
                state.resolve("empty").toString(), "--audit-log", audit());
        assertThat(auto.exit()).as(auto.err()).isEqualTo(4);

        try (DemoGatewayProcess demo = DemoGatewayProcess.start(state, "--sessions", "1")) {
            // no terminal and no --yes: nothing is sent
            JarRunner.Result unconfirmed = JarRunner.run("restart", "--state-dir", state.toString(), "--audit-log", audit());
            assertThat(unconfirmed.exit()).isEqualTo(4);
            assertThat(unconfirmed.err()).contains("pass --yes").contains("nothing sent");
            assertThat(Files.exists(data.resolve("audit.jsonl"))).isFalse();
            // the demo restarts on SIGUSR1: SIGUSR2 is refused for it
            JarRunner.Result wrong = JarRunner.run("restart", "--json", "--yes", "--signal", "SIGUSR2", "--state-dir", state.toString(),
                    "--audit-log", audit());
            assertThat(wrong.exit()).isEqualTo(4);
            assertThat(demo.pid()).isPositive();
        }
        assertThat(JarRunner.run("restart", "--signal", "SIGKILL").exit()).isEqualTo(2);
        assertThat(JarRunner.run(List.of(), "restart", "--timeout", "soon").exit()).isEqualTo(2);
    }
}
