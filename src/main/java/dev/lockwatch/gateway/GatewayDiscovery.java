package dev.lockwatch.gateway;

import dev.lockwatch.lock.Printable;
import dev.lockwatch.lock.LockFileReader;
import dev.lockwatch.lock.LockRead;
import dev.lockwatch.process.HolderResolver;
import dev.lockwatch.process.OpenClawCommand;
import dev.lockwatch.process.ProcessProbe;
import dev.lockwatch.process.ProcessState;
import dev.lockwatch.process.ResolvedHolder;
import dev.lockwatch.process.Users;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds OpenClaw gateways by their gateway locks and proves who they are.
 *
 * <p>Where: {@code <tmpdir>/openclaw-<uid>/gateway.*.lock} (tmpdir is {@code $TMPDIR} or {@code /tmp}; gateways up to
 * 2026.7) and {@code <realpath(state-dir)>/tmp/openclaw-<uid>/gateway.*.lock}, which also matches
 * {@code gateway.state.lock} (2026.8 and later); a lock dir given instead replaces both, and every {@code gateway*.lock}
 * in it is read. Each file is read like a session lock ({@link LockFileReader}: regular files only, no symlink followed,
 * at most 64 KiB) and parsed as JSON. A {@code openclaw-<uid>} dir that is a symlink or belongs to another user is
 * skipped (anyone can create one in a shared {@code /tmp}).
 *
 * <p>Verified: the pid (resolved to this host through NSpid and starttime for a gateway in a container) is alive and
 * its starttime equals the lock's {@code startTime}, or, where no starttime is recorded or readable, its command line is
 * a gateway's. Never verified: pid 0 or below, a pid beyond the platform's range, pid 1 of this host, Lockwatch's own pid.
 * Stateless and thread-safe.
 */
public final class GatewayDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayDiscovery.class);
    private static final int MAX_LOCKS_PER_DIR = 256;
    /** Discovery runs every second or so; a gateway's version is read once per process, not per look. */
    private static final VersionCache VERSIONS = new VersionCache();

    private GatewayDiscovery() {
    }

    /**
     * Every gateway lock found, sorted by path, with what is known about its gateway.
     *
     * @param stateDir the OpenClaw state dir; empty for the default ({@code $OPENCLAW_STATE_DIR} or {@code ~/.openclaw})
     * @param lockDir  when present, the only dir searched (every {@code gateway*.lock} in it)
     */
    public static List<GatewayInfo> find(Optional<Path> stateDir, Optional<Path> lockDir, ProcessProbe probe) {
        return find(stateDir, lockDir, probe, System.getenv());
    }

    /**
     * Every gateway lock for some watched roots: OpenClaw's default places, then each root taken as a state dir;
     * each lock once.
     */
    public static List<GatewayInfo> findForRoots(List<Path> roots, ProcessProbe probe) {
        List<Optional<Path>> stateDirs = new ArrayList<>();
        stateDirs.add(Optional.empty());
        roots.forEach(r -> stateDirs.add(Optional.of(r)));
        Set<Path> seen = new LinkedHashSet<>();
        List<GatewayInfo> found = new ArrayList<>();
        for (Optional<Path> stateDir : stateDirs) {
            for (GatewayInfo g : find(stateDir, Optional.empty(), probe)) {
                if (seen.add(g.lockPath())) {
                    found.add(g);
                }
            }
        }
        return found;
    }

    /** {@link #find(Optional, Optional, ProcessProbe)} with the environment given ({@code TMPDIR}, {@code OPENCLAW_STATE_DIR}, {@code HOME}). */
    public static List<GatewayInfo> find(Optional<Path> stateDir, Optional<Path> lockDir, ProcessProbe probe, Map<String, String> env) {
        Integer uid = Users.currentUid();
        ProcessProbe snapshot = probe.snapshot();
        Set<Path> seen = new LinkedHashSet<>();
        List<GatewayInfo> found = new ArrayList<>();
        for (Path dir : searchDirs(stateDir, lockDir, env, uid)) {
            boolean override = lockDir.isPresent();
            for (Path lock : locksIn(dir, override ? "gateway*.lock" : "gateway.*.lock", override ? null : uid, override)) {
                if (seen.add(lock.toAbsolutePath().normalize())) {
                    GatewayInfo info = inspect(lock, snapshot);
                    if (info != null) {
                        found.add(info);
                    }
                }
            }
        }
        found.sort(Comparator.comparing(g -> g.lockPath().toString()));
        return found;
    }

    /** The dirs {@link #find} searches, in order: for telling a person where Lockwatch looked. */
    public static List<Path> searchDirs(Optional<Path> stateDir, Optional<Path> lockDir, Map<String, String> env) {
        return searchDirs(stateDir, lockDir, env, Users.currentUid());
    }

    private static List<Path> searchDirs(Optional<Path> stateDir, Optional<Path> lockDir, Map<String, String> env, Integer uid) {
        if (lockDir.isPresent()) {
            return List.of(lockDir.get().toAbsolutePath().normalize());
        }
        String perUser = uid == null ? "openclaw" : "openclaw-" + uid;
        Set<Path> dirs = new LinkedHashSet<>();
        dirs.add(tmpDir(env).resolve(perUser));
        Path state = stateDir.orElseGet(() -> defaultStateDir(env)).toAbsolutePath().normalize();
        try {
            state = state.toRealPath();
        } catch (IOException e) {
            // not there (yet): where it would be
        }
        dirs.add(state.resolve("tmp").resolve(perUser));
        return List.copyOf(dirs);
    }

    /** {@code $OPENCLAW_STATE_DIR} ({@code ~} expanded) or {@code ~/.openclaw}. */
    public static Path defaultStateDir(Map<String, String> env) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home");
        }
        String value = env.get("OPENCLAW_STATE_DIR");
        if (value != null && !value.isBlank()) {
            String v = value.strip();
            if (v.equals("~")) {
                return Path.of(home);
            }
            return v.startsWith("~/") ? Path.of(home, v.substring(2)) : Path.of(v).toAbsolutePath().normalize();
        }
        return Path.of(home, ".openclaw");
    }

    /** OpenClaw's tmpdir, as Node's {@code os.tmpdir()}: {@code $TMPDIR}, {@code $TMP}, {@code $TEMP} or {@code /tmp}. */
    static Path tmpDir(Map<String, String> env) {
        for (String variable : List.of("TMPDIR", "TMP", "TEMP")) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                String v = value.strip();
                return Path.of(v.length() > 1 && v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
            }
        }
        return Path.of(System.getProperty("os.name", "").startsWith("Windows") ? System.getProperty("java.io.tmpdir") : "/tmp");
    }

    private static List<Path> locksIn(Path dir, String glob, Integer owner, boolean override) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        if (!override && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            LOG.warn("skipping {}: not a directory (a symbolic link is not followed)", Printable.terminal(dir));
            return List.of();
        }
        if (owner != null) {
            try {
                Object dirOwner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                if (dirOwner instanceof Integer o && o.intValue() != owner) {
                    LOG.warn("skipping {}: it belongs to uid {}, not to this user (uid {})", Printable.terminal(dir), o, owner);
                    return List.of();
                }
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                // no unix attributes: nothing to check
            }
        }
        List<Path> locks = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob)) {
            for (Path entry : entries) {
                if (locks.size() >= MAX_LOCKS_PER_DIR) {
                    LOG.warn("more than {} gateway locks in {}: the rest are not read", MAX_LOCKS_PER_DIR, Printable.terminal(dir));
                    break;
                }
                locks.add(entry);
            }
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", Printable.terminal(dir), Printable.terminal(e));
        }
        return locks;
    }

    /**
     * Reads, parses and verifies one gateway lock, now: what a restart re-checks right before it signals. Null when the
     * file is gone.
     */
    public static GatewayInfo inspect(Path lockPath, ProcessProbe probe) {
        LockRead read = LockFileReader.read(lockPath);
        if (read instanceof LockRead.Gone) {
            return null;
        }
        if (read instanceof LockRead.Unreadable u) {
            return new GatewayInfo(lockPath, null, null, null, null, null, null, null, null, null, null, false,
                    "the lock is not read: " + u.message(), null, null, null, null);
        }
        GatewayLockPayload payload = GatewayLockPayload.parse(((LockRead.Content) read).bytes());
        Check check = verify(payload, probe);
        boolean nested = check.resolved != null && check.resolved.kind() == ResolvedHolder.Kind.NESTED;
        String version = check.verified ? VERSIONS.versionOf(check.state(), check.hostPid(), nested, payload.configPath()) : null;
        Boolean restartEnabled = payload.configPath() == null ? null
                : GatewayConfig.restartEnabled(payload.configPath(), check.verified ? check.hostPid() : null, check.verified && nested);
        BigInteger pid = payload.pid();
        return new GatewayInfo(lockPath, pid == null || pid.bitLength() > 63 ? null : pid.longValue(), check.hostPid(),
                payload.startTime(), payload.createdAt(), payload.createdAtRaw(), payload.configPath(), payload.port(),
                payload.ownerId(), payload.stateDir(), payload.role(), check.verified, check.why,
                version, check.state().command(), GatewayVersions.restartSignalFor(version), restartEnabled);
    }

    /** The outcome of verifying one payload. */
    private record Check(boolean verified, String why, ResolvedHolder resolved) {
        Long hostPid() {
            return resolved == null ? null : resolved.hostPid();
        }

        ProcessState state() {
            return resolved == null ? ProcessState.DEAD : resolved.state();
        }

        static Check no(String why) {
            return new Check(false, why, null);
        }
    }

    private static Check verify(GatewayLockPayload payload, ProcessProbe probe) {
        BigInteger raw = payload.pid();
        if (raw == null) {
            return Check.no(payload.isEmpty() ? "the lock is not a gateway lock's JSON: there is no pid to check"
                    : "the lock records no pid (or not an integer)");
        }
        if (raw.signum() == 0) {
            return Check.no("pid 0 is never a gateway: kill(0) would signal every process in Lockwatch's own process group");
        }
        if (raw.signum() < 0) {
            return Check.no(raw.equals(BigInteger.ONE.negate())
                    ? "pid -1 is never a gateway: kill(-1) would signal every process Lockwatch may signal"
                    : "pid " + raw + " is never a gateway: a negative pid would signal a whole process group");
        }
        if (raw.bitLength() > 63 || raw.longValue() > probe.maxPid()) {
            return Check.no("pid " + raw + " is beyond this host's pid range (largest pid " + probe.maxPid() + ")");
        }
        long pid = raw.longValue();
        Long startTime = payload.startTime();
        ResolvedHolder resolved = HolderResolver.resolve(raw, startTime, probe);
        switch (resolved.kind()) {
            case AMBIGUOUS:
                return Check.no("several processes in nested pid namespaces carry pid " + pid
                        + " and the lock records no startTime to tell them apart");
            case DEAD:
                return Check.no("pid " + pid + " is not alive");
            default:
                break;
        }
        long hostPid = resolved.hostPid();
        ProcessState state = resolved.state();
        String who = hostPid == pid ? "pid " + pid : "pid " + pid + " (host pid " + hostPid + ")";
        if (hostPid == 1) {
            return new Check(false, "pid 1 is this host's init process, never the gateway"
                    + (startTime == null ? "" : ", and no process in a container has pid 1 with the lock's startTime " + startTime),
                    resolved);
        }
        if (hostPid == ProcessHandle.current().pid()) {
            return new Check(false, who + " is Lockwatch itself, not a gateway", resolved);
        }
        if (startTime != null && state.starttime() != null) {
            if (Objects.equals(startTime, state.starttime())) {
                return new Check(true, who + " is alive and its starttime " + startTime + " matches the lock", resolved);
            }
            return new Check(false, who + " is alive but its starttime " + state.starttime() + " differs from the lock's "
                    + startTime + ": the pid now belongs to another process", resolved);
        }
        String missing = startTime == null ? "the lock records no startTime" : "its starttime cannot be read here";
        if (state.argv() == null) {
            return new Check(false, who + " is alive but its command line is unreadable and " + missing, resolved);
        }
        if (OpenClawCommand.isGateway(state.argv())) {
            return new Check(true, who + " is alive and its command line is a gateway's (" + missing + ")", resolved);
        }
        return new Check(false, who + " is alive but its command line is not a gateway's, and " + missing, resolved);
    }
}
