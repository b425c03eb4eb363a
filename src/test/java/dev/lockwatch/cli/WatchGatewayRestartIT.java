package dev.lockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockwatch.testing.DemoGatewayProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch} judges with the gateway in view, as {@code scan} does: after an in-place restart of a gateway that
 * leaks its session locks, every leaked lock changes to orphaned with {@code predates-gateway-restart}. (The command
 * once built its scanner without the gateway context and never said so.)
 */
class WatchGatewayRestartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path state;

    @Test
    void leakedLocksBecomeOrphanedAndPredateTheRestart() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
        try (DemoGatewayProcess demo = DemoGatewayProcess.start(state, "--sessions", "2", "--mode", "leak");
             JarProcess watch = JarProcess.start("watch", "--json", state.toString())) {
            watch.awaitLine(l -> l.contains("\"event\":\"ready\""), WAIT);
            assertThat(watch.seen()).filteredOn(l -> l.contains("\"added\"")).hasSize(2)
                    .allSatisfy(l -> assertThat(l).contains("\"verdict\":\"live\""));

            // SIGUSR1 only to the demo this test started
            assertThat(new ProcessBuilder("kill", "-USR1", Long.toString(demo.pid())).start().waitFor()).isZero();
            assertThat(demo.awaitLine("restarted")).isEqualTo("restarted pid=" + demo.pid());

            Set<String> orphaned = new HashSet<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (orphaned.size() < 2 && System.nanoTime() < deadline) {
                JsonNode event = JSON.readTree(watch.awaitLine(l -> l.contains("\"changed\"") && l.contains("predates-gateway-restart"), WAIT));
                JsonNode lock = event.get("lock");
                assertThat(lock.get("verdict").asText()).isEqualTo("orphaned");
                assertThat(lock.get("pid").asLong()).isEqualTo(demo.pid());
                assertThat(lock.get("reasons").toString()).isEqualTo("[\"not-held-open\",\"predates-gateway-restart\"]");
                orphaned.add(lock.get("path").asText());
            }
            assertThat(orphaned).hasSize(2);
            assertThat(watch.terminate(WAIT)).as(watch.err()).isZero();
        }
    }
}
