package dev.lockwatch.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockwatch.gateway.GatewayLockPayload;
import dev.lockwatch.process.Users;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * A stand-in for an OpenClaw 2026.7.x gateway, for trying Lockwatch without OpenClaw. It writes what such a gateway
 * writes, exactly as it does:
 * <ul>
 *   <li>its config {@code <state>/openclaw.json} with {@code commands.restart: true} (only when there is none yet: an
 *       existing config is never touched);</li>
 *   <li>its gateway lock {@code <state>/tmp/openclaw-<uid>/gateway.<8 hex of sha256(configPath)>.lock}, pretty-printed
 *       {@code {"pid", "createdAt", "configPath", "startTime", "port"}} with its real pid and {@code /proc/self/stat}
 *       starttime (no starttime where there is no {@code /proc});</li>
 *   <li>N session locks {@code <state>/agents/<agent>/sessions/<uuid>.jsonl.lock}, pretty-printed
 *       {@code {"pid", "createdAt", "maxHoldMs": 300000, "starttime"}}, created exclusively and held open for as long
 *       as it holds the lock (a held lock older than 4 minutes is released and taken again, as new writes do, so it
 *       never exceeds its max hold).</li>
 * </ul>
 * On SIGUSR1 it restarts in place, same pid, like OpenClaw 2026.7.35: it rewrites its gateway lock with a new
 * {@code createdAt} and then, in {@link Mode#RELEASE}, releases (closes and deletes) its session locks and takes N new
 * ones about a second later; in {@link Mode#LEAK} it closes them but leaves the files on disk: OpenClaw's bug, locks
 * that name the live pid with a recent createdAt that nobody holds open. A second restart within 30 s is not held back
 * (OpenClaw holds it back). On SIGTERM or SIGINT it removes its gateway lock and every session lock file it wrote
 * (leaked ones too) and ends. It does not listen on its port.
 *
 * <p>Its command line ({@code java -jar lockwatch.jar demo-gateway ...}) is recognised as a gateway's by
 * {@code OpenClawCommand}, and gateway discovery reports its version as {@code demo}, restarted by SIGUSR1.
 */
public final class DemoGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoGateway.class);

    /** What a restart does to the session locks. */
    public enum Mode {
        /** Releases them (close and delete), then takes new ones: what OpenClaw means to do. */
        RELEASE,
        /** Closes them but leaves the files: OpenClaw's bug after an in-process restart. */
        LEAK
    }

    public static final int PORT = 18789;
    public static final long MAX_HOLD_MS = 300_000L;
    static final Duration RETAKE_AFTER = Duration.ofSeconds(1);
    static final Duration RENEW_AFTER = Duration.ofMinutes(4);
    private static final DateTimeFormatter JS_ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path stateDir;
    private final int sessions;
    private final Mode mode;
    private final String agent;
    private final Clock clock;
    private final long pid = ProcessHandle.current().pid();
    private final Long starttime = ownStarttime();

    private final Path configPath;
    private final Path gatewayLock;
    private final Path sessionsDir;
    private final List<Held> held = new ArrayList<>();
    private final List<Path> leaked = new ArrayList<>();
    private boolean gatewayLockWritten;
    private boolean closed;

    /** A session lock this gateway holds: the file and its open handle. */
    private record Held(Path path, FileChannel channel, Instant createdAt) {
    }

    /**
     * @param stateDir the OpenClaw state dir to write into (created when missing)
     * @param sessions how many session locks to hold, 0..1000
     * @param agent    the agent id: a plain name ({@code main})
     */
    public DemoGateway(Path stateDir, int sessions, Mode mode, String agent, Clock clock) throws IOException {
        if (sessions < 0 || sessions > 1000) {
            throw new IllegalArgumentException("--sessions must be between 0 and 1000, not " + sessions);
        }
        if (agent == null || !agent.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("--agent must be a plain name such as main (letters, digits, . _ -), not '" + agent + "'");
        }
        this.sessions = sessions;
        this.mode = Objects.requireNonNull(mode);
        this.agent = agent;
        this.clock = clock;
        Files.createDirectories(stateDir);
        this.stateDir = stateDir.toRealPath();
        this.configPath = this.stateDir.resolve("openclaw.json");
        Integer uid = Users.currentUid();
        Path lockDir = this.stateDir.resolve("tmp").resolve(uid == null ? "openclaw" : "openclaw-" + uid);
        this.gatewayLock = lockDir.resolve("gateway." + shortHash(configPath.toString()) + ".lock");
        this.sessionsDir = this.stateDir.resolve("agents").resolve(agent).resolve("sessions");
    }

    public long pid() {
        return pid;
    }

    public Path gatewayLock() {
        return gatewayLock;
    }

    public Path configPath() {
        return configPath;
    }

    /** The session lock files it holds open now. */
    public synchronized List<Path> heldLocks() {
        return held.stream().map(Held::path).toList();
    }

    /** Writes the config (when missing), the gateway lock and N session locks. */
    public synchronized void start() throws IOException {
        writeConfigIfMissing();
        acquireGatewayLock();
        takeSessionLocks();
    }

    /** SIGUSR1: restart in place, same pid; see the class comment. */
    public synchronized void restart() throws IOException {
        for (Held lock : held) {
            closeQuietly(lock.channel());
            if (mode == Mode.RELEASE) {
                Files.deleteIfExists(lock.path());
            } else {
                leaked.add(lock.path());
            }
        }
        LOG.info("restart: {} session lock(s) {}", held.size(), mode == Mode.RELEASE ? "released" : "closed and left on disk");
        held.clear();
        writeGatewayLock(false);
    }

    /** Takes N new session locks (after a restart in release mode, like new work). */
    public synchronized void takeSessionLocks() throws IOException {
        Files.createDirectories(sessionsDir);
        for (int i = 0; i < sessions; i++) {
            held.add(take(sessionsDir.resolve(UUID.randomUUID() + ".jsonl.lock")));
        }
        LOG.info("holding {} session lock(s) in {}", sessions, sessionsDir);
    }

    /** Releases and takes again every held lock older than {@code maxAge}, so none exceeds its max hold. */
    public synchronized void renewOlderThan(Duration maxAge) throws IOException {
        Instant now = clock.instant();
        for (int i = 0; i < held.size(); i++) {
            Held lock = held.get(i);
            if (Duration.between(lock.createdAt(), now).compareTo(maxAge) > 0) {
                closeQuietly(lock.channel());
                Files.deleteIfExists(lock.path());
                held.set(i, take(lock.path()));
            }
        }
    }

    /** Removes the gateway lock and every session lock file it wrote. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Held lock : held) {
            closeQuietly(lock.channel());
            deleteQuietly(lock.path());
        }
        held.clear();
        leaked.forEach(DemoGateway::deleteQuietly);
        leaked.clear();
        if (gatewayLockWritten) {
            deleteQuietly(gatewayLock);
        }
        LOG.info("stopped: gateway lock and session locks removed");
    }

    /**
     * Runs until SIGTERM or SIGINT: starts, prints {@code ready pid=<pid>}, prints {@code restarted pid=<pid>} after
     * each SIGUSR1, and cleans up at the end.
     *
     * @return the exit code, 0
     */
    public int run(PrintWriter out) throws IOException, InterruptedException {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
        previous.put(new Signal("USR1"), Signal.handle(new Signal("USR1"), s -> events.add("restart")));
        previous.put(new Signal("TERM"), Signal.handle(new Signal("TERM"), s -> events.add("stop")));
        previous.put(new Signal("INT"), Signal.handle(new Signal("INT"), s -> events.add("stop")));
        Thread cleanup = new Thread(this::close, "demo-gateway-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            start();
            out.println("ready pid=" + pid);
            out.flush();
            Instant retakeAt = null;
            while (true) {
                String event = events.poll(200, TimeUnit.MILLISECONDS);
                if ("stop".equals(event)) {
                    return 0;
                }
                if ("restart".equals(event)) {
                    restart();
                    out.println("restarted pid=" + pid);
                    out.flush();
                    retakeAt = mode == Mode.RELEASE ? clock.instant().plus(RETAKE_AFTER) : null;
                }
                if (retakeAt != null && !clock.instant().isBefore(retakeAt)) {
                    takeSessionLocks();
                    retakeAt = null;
                }
                renewOlderThan(RENEW_AFTER);
            }
        } finally {
            close();
            previous.forEach((signal, handler) -> {
                try {
                    Signal.handle(signal, handler);
                } catch (IllegalArgumentException e) {
                    // cannot restore: the process ends anyway
                }
            });
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    private void writeConfigIfMissing() throws IOException {
        if (Files.exists(configPath, LinkOption.NOFOLLOW_LINKS)) {
            LOG.info("keeping the existing config {}", configPath);
            return;
        }
        String config = "{\n  \"commands\": {\n    \"restart\": true\n  },\n  \"gateway\": {\n    \"port\": " + PORT + "\n  }\n}\n";
        try {
            Files.writeString(configPath, config, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            // written meanwhile by someone else: keep theirs
        }
    }

    private void acquireGatewayLock() throws IOException {
        Path dir = gatewayLock.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
        }
        if (Files.exists(gatewayLock, LinkOption.NOFOLLOW_LINKS)) {
            Long other = pidIn(gatewayLock);
            if (other != null && other != pid && ProcessHandle.of(other).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IOException("another gateway (pid " + other + ") holds " + gatewayLock + "; stop it or use another --state-dir");
            }
            LOG.warn("taking over the gateway lock {} of a process that is gone", gatewayLock);
            Files.delete(gatewayLock);
        }
        writeGatewayLock(true);
    }

    /** Writes the gateway lock: exclusively the first time, then atomically replaced (readers see old or new, never half). */
    private void writeGatewayLock(boolean first) throws IOException {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("pid", pid);
        payload.put("createdAt", JS_ISO.format(clock.instant()));
        payload.put("configPath", configPath.toString());
        if (starttime != null) {
            payload.put("startTime", starttime);
        }
        payload.put("port", PORT);
        byte[] bytes = pretty(payload).getBytes(StandardCharsets.UTF_8);
        if (first) {
            Files.write(gatewayLock, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            gatewayLockWritten = true;
        } else {
            Path next = gatewayLock.resolveSibling(gatewayLock.getFileName() + "." + pid + ".tmp");
            Files.write(next, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            Files.move(next, gatewayLock, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        LOG.info("gateway lock {} written", gatewayLock);
    }

    private Held take(Path path) throws IOException {
        Instant createdAt = clock.instant();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("pid", pid);
        payload.put("createdAt", JS_ISO.format(createdAt));
        payload.put("maxHoldMs", MAX_HOLD_MS);
        if (starttime != null) {
            payload.put("starttime", starttime);
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            ByteBuffer bytes = ByteBuffer.wrap(pretty(payload).getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            closeQuietly(channel);
            deleteQuietly(path);
            throw e;
        }
        return new Held(path, channel, createdAt);
    }

    /** As JavaScript's {@code JSON.stringify(value, null, 2)} for a flat object. */
    static String pretty(Map<String, Object> fields) {
        StringBuilder json = new StringBuilder("{");
        String separator = "\n";
        try {
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                json.append(separator).append("  ").append(JSON.writeValueAsString(field.getKey())).append(": ")
                        .append(JSON.writeValueAsString(field.getValue()));
                separator = ",\n";
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return json.append("\n}").toString();
    }

    private static Long pidIn(Path lock) {
        try {
            byte[] bytes = Files.readAllBytes(lock);
            GatewayLockPayload payload = GatewayLockPayload.parse(bytes.length > 65536 ? new byte[0] : bytes);
            return payload.pid() == null || payload.pid().bitLength() > 63 ? null : payload.pid().longValue();
        } catch (IOException e) {
            return null;
        }
    }

    static String shortHash(String configPath) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(configPath.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Long ownStarttime() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.ISO_8859_1);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 1).trim().split("\\s+");
            return Long.parseLong(fields[19]);
        } catch (IOException | RuntimeException e) {
            return null; // no /proc: OpenClaw writes no starttime either
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a session lock failed", e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", path, e.toString());
        }
    }
}
