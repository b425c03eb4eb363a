package dev.lockwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One real OpenClaw gateway from npm, in its own sandbox, started the way an operator starts it
 * ({@code node <pkg>/openclaw.mjs gateway run --port N}) and always stopped again ({@link #close()}, and a JVM
 * shutdown hook for a JVM that dies).
 *
 * <p>Sandbox: a fresh temp dir with {@code home/} ({@code HOME}), {@code home/.openclaw/} ({@code OPENCLAW_STATE_DIR}),
 * {@code tmp/} ({@code TMPDIR}; gateways up to 2026.7 put their gateway lock in {@code $TMPDIR/openclaw-<uid>/}), the
 * gateway's log ({@code logging.file}) and its console output. Every {@code OPENCLAW_*}, {@code CLAWDBOT_*},
 * {@code MOLTBOT_*} variable and the systemd ones ({@code INVOCATION_ID}, {@code JOURNAL_STREAM}, {@code SYSTEMD_EXEC_PID})
 * are removed unless the scenario sets them. The config points the default model at a {@link FakeModelServer}.
 *
 * <p>What differs by version (seen on the published packages): 2026.2.x needs token auth (no {@code none} mode),
 * {@code commands.restart: true} (else an external SIGUSR1 is ignored as not authorized), no
 * {@code gateway.reload.deferralTimeoutMs} / provider {@code timeoutSeconds} (its strict config check rejects them),
 * {@code OPENCLAW_NO_RESPAWN=1} (else the pid started is a wrapper) and is ready at {@code listening on ws://}; 2026.7.x
 * takes {@code deferralTimeoutMs}; 2026.9.x calls {@code deferralTimeoutMs} retired and rewrites the config without it, so
 * it is not written there. 2026.7+ are ready at {@code [gateway] ready}.
 */
final class OpenClawGateway implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<OpenClawGateway> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Path SHARED_LOG_DIR = Path.of("/tmp/openclaw");
    private static Boolean sharedLogDirExistedBefore;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(g -> g.kill()), "openclaw-e2e-cleanup"));
    }

    /**
     * How to run one gateway.
     *
     * @param tmpDir its {@code TMPDIR}, or null for {@code <sandbox>/tmp}: a test that runs Lockwatch inside its own JVM (the
     *               window) gives it that JVM's {@code $TMPDIR}, where Lockwatch looks for a 2026.7 gateway lock
     */
    record Options(String version, Long deferralTimeoutMs, Map<String, String> extraEnv, Path tmpDir) {
        static Options of(String version) {
            return new Options(version, isLegacy(version) || atLeast(version, 2026, 8) ? null : 3000L, Map.of(), null);
        }

        Options deferralTimeoutMs(long ms) {
            return new Options(version, ms, extraEnv, tmpDir);
        }

        Options env(String name, String value) {
            Map<String, String> env = new LinkedHashMap<>(extraEnv);
            env.put(name, value);
            return new Options(version, deferralTimeoutMs, Map.copyOf(env), tmpDir);
        }

        Options tmpDir(Path dir) {
            return new Options(version, deferralTimeoutMs, extraEnv, dir.toAbsolutePath().normalize());
        }

        boolean legacy() {
            return isLegacy(version);
        }
    }

    private final Options options;
    private final Path sandbox;
    private final Path home;
    private final Path stateDir;
    private final Path tmpDir;
    private final Path logFile;
    private final Path console;
    private final Path node;
    private final Path openClaw;
    private final int port;
    private final Map<String, String> env;
    private final List<ProcessHandle> descendants = new ArrayList<>();
    private Process process;
    private FakeModelServer model;

    private OpenClawGateway(Options options, Path sandbox, Path node, Path openClaw, int port) {
        this.options = options;
        this.sandbox = sandbox;
        this.home = sandbox.resolve("home");
        this.stateDir = home.resolve(".openclaw");
        this.tmpDir = options.tmpDir() != null ? options.tmpDir() : sandbox.resolve("tmp");
        this.logFile = sandbox.resolve("gateway.log");
        this.console = sandbox.resolve("gateway.out");
        this.node = node;
        this.openClaw = openClaw;
        this.port = port;
        this.env = environment();
    }

    /**
     * Installs (once) what it needs, starts its own {@link FakeModelServer} (closed with it), writes its config,
     * starts it and waits until it is ready and holds its gateway lock.
     */
    static OpenClawGateway start(Options options) throws IOException, InterruptedException {
        Path node = E2eInstalls.node();
        Path openClaw = E2eInstalls.openClaw(options.version());
        Path sandbox = Files.createTempDirectory("lw-e2e-" + options.version() + "-");
        OpenClawGateway gateway = new OpenClawGateway(options, sandbox, node, openClaw, freePort());
        try {
            gateway.model = FakeModelServer.start();
            gateway.writeConfig(gateway.model);
            gateway.launch();
            gateway.awaitReady(Duration.ofMinutes(3));
            return gateway;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            gateway.close();
            throw e;
        }
    }

    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("OPENCLAW_") || k.startsWith("CLAWDBOT_") || k.startsWith("MOLTBOT_")
                || Set.of("INVOCATION_ID", "JOURNAL_STREAM", "SYSTEMD_EXEC_PID", "NOTIFY_SOCKET", "TMP", "TEMP",
                        "NODE_OPTIONS", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME").contains(k));
        env.put("HOME", home.toString());
        env.put("OPENCLAW_STATE_DIR", stateDir.toString());
        env.put("TMPDIR", tmpDir.toString());
        env.put("NO_COLOR", "1");
        env.put("PATH", node.getParent() + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        if (options.legacy()) {
            env.put("OPENCLAW_NO_RESPAWN", "1");
        }
        env.putAll(options.extraEnv());
        return Map.copyOf(env);
    }

    private void writeConfig(FakeModelServer model) throws IOException {
        Files.createDirectories(stateDir);
        Files.createDirectories(tmpDir);
        ObjectNode config = JSON.createObjectNode();
        ObjectNode gateway = config.putObject("gateway");
        gateway.put("mode", "local");
        gateway.put("bind", "loopback");
        gateway.put("port", port);
        ObjectNode auth = gateway.putObject("auth");
        if (options.legacy()) {
            auth.put("mode", "token");
            auth.put("token", "lockwatch-e2e-" + UUID.randomUUID());
            config.putObject("commands").put("restart", true);
        } else {
            auth.put("mode", "none");
        }
        if (options.deferralTimeoutMs() != null) {
            gateway.putObject("reload").put("deferralTimeoutMs", options.deferralTimeoutMs());
        }
        config.putObject("update").put("checkOnStart", false);
        config.putObject("discovery").putObject("mdns").put("mode", "off");
        config.putObject("logging").put("file", logFile.toString());
        ObjectNode models = config.putObject("models");
        models.put("mode", "merge");
        ObjectNode provider = models.putObject("providers").putObject("fake");
        provider.put("baseUrl", model.baseUrl());
        provider.put("apiKey", "sk-lockwatch-e2e");
        provider.put("api", "openai-completions");
        if (!options.legacy()) {
            provider.put("timeoutSeconds", 3600);
        }
        ObjectNode m = provider.putArray("models").addObject();
        m.put("id", FakeModelServer.MODEL);
        m.put("name", "Stalling test model");
        m.put("reasoning", false);
        m.putArray("input").add("text");
        m.put("contextWindow", 120000);
        m.put("maxTokens", 4096);
        config.putObject("agents").putObject("defaults").putObject("model").put("primary", "fake/" + FakeModelServer.MODEL);
        Files.writeString(configPath(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
    }

    private void launch() throws IOException {
        noteSharedLogDir();
        ProcessBuilder pb = new ProcessBuilder(node.toString(), openClaw.toString(), "gateway", "run", "--port", Integer.toString(port))
                .directory(sandbox.toFile()).redirectErrorStream(true).redirectOutput(console.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        process = pb.start();
        process.getOutputStream().close();
        RUNNING.add(this);
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        String marker = options.legacy() ? "listening on ws://" : "[gateway] ready";
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains(marker) && gatewayLockOrNull() != null) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("OpenClaw " + options.version() + " exited (" + process.exitValue() + ") before it was ready:\n"
                        + outputTail(60));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("OpenClaw " + options.version() + " not ready (\"" + marker + "\" and a gateway lock) within "
                + timeout + ":\n" + outputTail(60));
    }

    /** The pid started: the gateway itself (2026.2.x runs with {@code OPENCLAW_NO_RESPAWN=1}). */
    long pid() {
        return process.pid();
    }

    /** Field 22 of {@code /proc/<pid>/stat}. */
    long starttime() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]);
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    String version() {
        return options.version();
    }

    Path sandbox() {
        return sandbox;
    }

    Path stateDir() {
        return stateDir;
    }

    Path tmpDir() {
        return tmpDir;
    }

    Path configPath() {
        return stateDir.resolve("openclaw.json");
    }

    Path logFile() {
        return logFile;
    }

    Path sessionsDir() {
        return stateDir.resolve("agents/main/sessions");
    }

    Path sessionLock(String sessionId) {
        return sessionsDir().resolve(sessionId + ".jsonl.lock");
    }

    /** The environment the gateway runs in; Lockwatch runs in it too, so it sees the same {@code TMPDIR}. */
    Map<String, String> env() {
        return env;
    }

    /** The gateway lock: {@code gateway.<hash>.lock} in {@code $TMPDIR/openclaw-<uid>/} or {@code <state>/tmp/openclaw-<uid>/}. */
    Path gatewayLock() {
        Path lock = gatewayLockOrNull();
        if (lock == null) {
            throw new AssertionError("no gateway lock of OpenClaw " + options.version() + " in " + tmpDir + " or " + stateDir.resolve("tmp"));
        }
        return lock;
    }

    private Path gatewayLockOrNull() {
        for (Path base : List.of(tmpDir, stateDir.resolve("tmp"))) {
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (DirectoryStream<Path> perUser = Files.newDirectoryStream(base, "openclaw-*")) {
                for (Path dir : perUser) {
                    try (DirectoryStream<Path> locks = Files.newDirectoryStream(dir, "gateway.*.lock")) {
                        for (Path lock : locks) {
                            // this gateway's, not one left by another run in a shared TMPDIR (nor one being written)
                            if (!lock.getFileName().toString().equals("gateway.state.lock") && namesThisGateway(lock)) {
                                return lock;
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // not there yet
            }
        }
        return null;
    }

    private boolean namesThisGateway(Path lock) {
        try {
            JsonNode payload = JSON.readTree(Files.readString(lock));
            return payload != null && process != null && payload.path("pid").asLong() == process.pid();
        } catch (IOException e) {
            return false;
        }
    }

    /** The gateway lock's JSON (2026.9 pads it with whitespace: parsed, never matched). */
    JsonNode gatewayLockJson() throws IOException {
        return JSON.readTree(Files.readString(gatewayLock()));
    }

    /**
     * Starts one agent run per session id with {@code openclaw gateway call agent} (which returns once the gateway accepted
     * it; not {@code openclaw agent}, which runs the agent itself when the gateway goes away) and waits until the gateway
     * holds each session's lock. The runs stall on the fake model, so the locks stay held.
     */
    List<Path> holdSessionLocks(String... sessionIds) throws Exception {
        List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
        for (String id : sessionIds) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return callAgent(id);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<JsonNode> call : calls) {
            JsonNode accepted = call.get(5, TimeUnit.MINUTES);
            if (!"accepted".equals(accepted.path("status").asText())) {
                throw new AssertionError("agent call not accepted: " + accepted);
            }
        }
        List<Path> locks = new ArrayList<>();
        for (String id : sessionIds) {
            Path lock = sessionLock(id);
            Poll.until("OpenClaw " + options.version() + " holds " + lock, Duration.ofMinutes(2), () -> heldByGateway(lock),
                    () -> outputTail(40));
            locks.add(lock);
        }
        return locks;
    }

    private boolean heldByGateway(Path lock) {
        try {
            JsonNode payload = JSON.readTree(Files.readString(lock));
            return payload != null && payload.path("pid").asLong() == pid();
        } catch (IOException e) {
            return false; // not there yet, or being written
        }
    }

    /**
     * {@code openclaw gateway call agent --json --params {...}}: the gateway's answer. A gateway shared by a test class
     * may still be coming back from an earlier test's restart (its port is down for a moment): a refused connection is
     * tried again for up to a minute.
     */
    JsonNode callAgent(String sessionId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            try {
                return callAgentOnce(sessionId);
            } catch (AssertionError e) {
                if (!String.valueOf(e.getMessage()).contains("ECONNREFUSED") || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(1_000);
            }
        }
    }

    private JsonNode callAgentOnce(String sessionId) throws IOException, InterruptedException {
        ObjectNode params = JSON.createObjectNode();
        params.put("message", "lockwatch e2e: hold session " + sessionId);
        params.put("sessionId", sessionId);
        params.put("idempotencyKey", "lw-e2e-" + UUID.randomUUID());
        Path out = Files.createTempFile(sandbox, "call-" + sessionId + "-", ".out");
        ProcessBuilder pb = new ProcessBuilder(node.toString(), openClaw.toString(), "gateway", "call", "agent", "--json", "--params",
                JSON.writeValueAsString(params)).directory(sandbox.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process call = pb.start();
        call.getOutputStream().close();
        if (!call.waitFor(3, TimeUnit.MINUTES)) {
            call.descendants().forEach(ProcessHandle::destroyForcibly);
            call.destroyForcibly();
            throw new AssertionError("openclaw gateway call agent did not return within 3 min:\n" + Files.readString(out));
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        if (call.exitValue() != 0) {
            throw new AssertionError("openclaw gateway call agent exited " + call.exitValue() + ":\n" + text);
        }
        int start = text.indexOf('{');
        if (start < 0) {
            throw new AssertionError("no JSON from openclaw gateway call agent:\n" + text);
        }
        return JSON.readTree(text.substring(start));
    }

    /** Console lines the gateway printed ({@code [gateway] ...}). */
    String output() {
        try {
            return Files.readString(console, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    String outputTail(int lines) {
        return "--- last " + lines + " lines of " + console + " ---\n" + E2eInstalls.tail(console, lines);
    }

    /** Waits for the gateway to exit by itself; its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("OpenClaw " + options.version() + " (pid " + pid() + ") still runs after " + timeout + "\n" + outputTail(30));
        }
        return process.exitValue();
    }

    /** SIGTERM to the pid started (and to anything it started), as an operator stops it; SIGKILL after a minute. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        if (process.isAlive()) {
            descendants.addAll(process.descendants().toList());
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                System.err.println("[lockwatch-e2e] OpenClaw " + options.version() + " pid " + pid() + " ignored SIGTERM for 60 s: SIGKILL");
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroy();
                try {
                    child.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    child.destroyForcibly();
                }
            }
        }
        RUNNING.remove(this);
    }

    private void kill() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** Stops it and removes its sandbox (kept with {@code -Dlockwatch.e2e.keep=true}), and {@code /tmp/openclaw} if this JVM's gateways made it. */
    /** The fake model server this gateway's default model points at. */
    FakeModelServer model() {
        return model;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            stop();
        } finally {
            if (model != null) {
                model.close();
            }
            RUNNING.remove(this);
            if (Boolean.getBoolean("lockwatch.e2e.keep")) {
                System.err.println("[lockwatch-e2e] kept " + sandbox);
            } else {
                try {
                    E2eInstalls.deleteTree(sandbox);
                } catch (IOException e) {
                    System.err.println("[lockwatch-e2e] could not remove " + sandbox + ": " + e);
                }
            }
            removeSharedLogDirIfOurs();
        }
    }

    /** Every gateway creates an empty {@code /tmp/openclaw} (its default log dir) at startup, whatever its config says. */
    private static synchronized void noteSharedLogDir() {
        if (sharedLogDirExistedBefore == null) {
            sharedLogDirExistedBefore = Files.exists(SHARED_LOG_DIR, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static synchronized void removeSharedLogDirIfOurs() {
        if (Boolean.FALSE.equals(sharedLogDirExistedBefore) && RUNNING.isEmpty()
                && Files.isDirectory(SHARED_LOG_DIR, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(SHARED_LOG_DIR)) {
                if (entries.iterator().hasNext()) {
                    return; // something logs there after all: not ours to remove
                }
            } catch (IOException e) {
                return;
            }
            try {
                Files.deleteIfExists(SHARED_LOG_DIR);
            } catch (IOException e) {
                // someone else's now
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static boolean isLegacy(String version) {
        return version.startsWith("2026.2.");
    }

    static boolean atLeast(String version, int year, int month) {
        String[] parts = version.split("\\.");
        int y = Integer.parseInt(parts[0]);
        int m = Integer.parseInt(parts[1]);
        return y > year || (y == year && m >= month);
    }
}
