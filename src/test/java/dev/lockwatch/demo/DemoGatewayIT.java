package dev.lockwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo gateway end to end through the packaged jar: a real separate process, real signals (sent only to the demo
 * this test started), and Lockwatch's {@code scan} and {@code gateway} judging what it wrote.
 */
class DemoGatewayIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path state;

    @BeforeAll
    static void needsLinux() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc (starttime, open files)");
    }

    @Test
    void leakModeLeavesOrphansThatNameTheLivePidAfterARestart() throws Exception {
        try (Demo demo = Demo.start(state, "--sessions", "3", "--mode", "leak")) {
            long pid = demo.pid();

            JsonNode before = scan();
            assertThat(before.get("locks")).hasSize(3);
            List<String> paths = new ArrayList<>();
            for (JsonNode lock : before.get("locks")) {
                assertThat(lock.get("verdict").asText()).as(lock.toString()).isEqualTo("live");
                assertThat(lock.get("pid").asLong()).isEqualTo(pid);
                assertThat(lock.get("maxHoldMs").asLong()).isEqualTo(300_000L);
                assertThat(lock.get("starttime").asLong()).isEqualTo(lock.get("holder").get("starttime").asLong());
                assertThat(lock.get("holder").get("holdsOpen").asBoolean()).isTrue();
                assertThat(lock.get("agent").asText()).isEqualTo("main");
                paths.add(lock.get("path").asText());
            }

            JsonNode gateway = gateway(0);
            assertThat(gateway.get("verified").asBoolean()).as(gateway.toString()).isTrue();
            assertThat(gateway.get("pid").asLong()).isEqualTo(pid);
            assertThat(gateway.get("hostPid").asLong()).isEqualTo(pid);
            assertThat(gateway.get("why").asText()).startsWith("pid " + pid + " is alive and its starttime ").endsWith(" matches the lock");
            assertThat(gateway.get("version").asText()).isEqualTo("demo");
            assertThat(gateway.get("restartSignal").asText()).isEqualTo("SIGUSR1");
            assertThat(gateway.get("restartEnabled").asBoolean()).isTrue();
            assertThat(gateway.get("configPath").asText()).isEqualTo(state.toRealPath().resolve("openclaw.json").toString());
            assertThat(gateway.get("command").asText()).contains("demo-gateway");
            Path gatewayLock = Path.of(gateway.get("lockPath").asText());
            assertThat(gatewayLock.getFileName().toString()).matches("gateway\\.[0-9a-f]{8}\\.lock");
            assertThat(gatewayLock.getParent().getParent()).isEqualTo(state.toRealPath().resolve("tmp"));
            Instant createdBefore = Instant.parse(gateway.get("createdAt").asText());

            demo.signal("USR1");
            assertThat(demo.awaitLine("restarted")).isEqualTo("restarted pid=" + pid);

            JsonNode after = scan();
            assertThat(after.get("locks")).hasSize(3);
            for (JsonNode lock : after.get("locks")) {
                assertThat(paths).contains(lock.get("path").asText());
                assertThat(lock.get("pid").asLong()).as("the leaked lock still names the live pid").isEqualTo(pid);
                assertThat(lock.get("verdict").asText()).as(lock.toString()).isEqualTo("orphaned");
                // nobody holds it open, and the gateway's rewritten lock shows it was taken before the restart
                assertThat(lock.get("reasons")).hasSize(2);
                assertThat(lock.get("reasons").get(0).asText()).isEqualTo("not-held-open");
                assertThat(lock.get("reasons").get(1).asText()).isEqualTo("predates-gateway-restart");
                assertThat(lock.get("holder").get("alive").asBoolean()).isTrue();
                assertThat(lock.get("holder").get("holdsOpen").asBoolean()).isFalse();
                assertThat(lock.get("removable").asBoolean()).isTrue();
            }

            JsonNode restarted = gateway(0);
            assertThat(restarted.get("verified").asBoolean()).isTrue();
            assertThat(restarted.get("pid").asLong()).as("restarted in place").isEqualTo(pid);
            assertThat(Instant.parse(restarted.get("createdAt").asText())).isAfter(createdBefore);

            demo.signal("TERM");
            assertThat(demo.awaitExit()).isZero();
            assertThat(gatewayLock).doesNotExist();
            assertThat(lockFiles()).as("leaked locks are removed too").isEmpty();
        }
    }

    @Test
    void releaseModeReleasesTheOldLocksAndTakesNewOnes() throws Exception {
        try (Demo demo = Demo.start(state, "--sessions", "2", "--mode", "release", "--agent", "ops")) {
            List<Path> old = lockFiles();
            assertThat(old).hasSize(2).allMatch(p -> p.getParent().getParent().getFileName().toString().equals("ops"));
            Path gatewayLock = Path.of(gateway(0).get("lockPath").asText());

            demo.signal("USR1");
            demo.awaitLine("restarted");
            assertThat(old).allSatisfy(p -> assertThat(p).as("released by the restart").doesNotExist());

            long deadline = System.nanoTime() + WAIT.toNanos();
            while (lockFiles().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            List<Path> fresh = lockFiles();
            assertThat(fresh).hasSize(2).doesNotContainAnyElementsOf(old);
            JsonNode scan = scan();
            for (JsonNode lock : scan.get("locks")) {
                assertThat(lock.get("verdict").asText()).as(lock.toString()).isEqualTo("live");
            }

            demo.signal("INT");
            assertThat(demo.awaitExit()).isZero();
            assertThat(gatewayLock).doesNotExist();
            assertThat(lockFiles()).isEmpty();
        }
    }

    @Test
    void anotherLiveGatewayOnTheSameLockIsNotTakenOver() throws Exception {
        try (Demo first = Demo.start(state, "--sessions", "1")) {
            Result second = run("demo-gateway", "--state-dir", state.toString());
            assertThat(second.exit()).isEqualTo(2);
            assertThat(second.err()).contains("another gateway (pid " + first.pid() + ")");
            assertThat(lockFiles()).hasSize(1);
            first.signal("TERM");
            assertThat(first.awaitExit()).isZero();
        }
    }

    private JsonNode scan() throws Exception {
        Result r = run("scan", "--json", state.toString());
        return JSON.readTree(r.out());
    }

    /** The gateway entry for this test's state dir from {@code gateway --json}, after checking the exit code. */
    private JsonNode gateway(int expectedExit) throws Exception {
        Result r = run("gateway", "--json", "--state-dir", state.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(expectedExit);
        String prefix = state.toRealPath().toString();
        for (JsonNode g : JSON.readTree(r.out()).get("gateways")) {
            if (g.get("lockPath").asText().startsWith(prefix)) {
                return g;
            }
        }
        throw new AssertionError("no gateway lock under " + prefix + ": " + r.out());
    }

    private List<Path> lockFiles() throws IOException {
        Path agents = state.resolve("agents");
        if (!Files.isDirectory(agents)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(agents)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl.lock")).sorted().toList();
        }
    }

    record Result(int exit, String out, String err) {
    }

    private static List<String> java(String... args) {
        Path jar = Path.of(System.getProperty("lockwatch.jar", "target/lockwatch.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("run `mvn package` first: no " + jar);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java(args)).redirectError(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("lockwatch " + List.of(args) + " did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** The running demo gateway: its stdout lines, and signals sent to it alone. */
    static final class Demo implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private Demo(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // process ended
                }
            }, "demo-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static Demo start(Path state, String... args) throws Exception {
            List<String> all = new ArrayList<>(List.of("demo-gateway", "--state-dir", state.toString()));
            all.addAll(List.of(args));
            Demo demo = new Demo(new ProcessBuilder(java(all.toArray(String[]::new)))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start());
            assertThat(demo.awaitLine("ready")).isEqualTo("ready pid=" + demo.pid());
            return demo;
        }

        long pid() {
            return process.pid();
        }

        String awaitLine(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line;
                }
                if (line == null && !process.isAlive() && lines.isEmpty()) {
                    throw new AssertionError("demo gateway exited with " + process.exitValue() + " before printing '" + prefix + "'");
                }
            }
            throw new AssertionError("demo gateway did not print '" + prefix + "' within " + WAIT);
        }

        /** {@code kill -SIG <pid>} of our own child, and nothing else. */
        void signal(String name) throws Exception {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(kill.exitValue()).isZero();
        }

        int awaitExit() throws InterruptedException {
            assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("demo gateway ended").isTrue();
            return process.exitValue();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }
}
