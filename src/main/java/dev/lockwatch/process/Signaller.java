package dev.lockwatch.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import jnr.constants.platform.Errno;
import jnr.constants.platform.Signal;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * The only class in Lockwatch that sends signals, and the only one that touches jnr-posix (an ArchUnit test keeps
 * it so). Every pid passes the guard before anything else happens: pid 0 or below is refused first ({@code kill(0)}
 * signals the caller's process group, {@code kill(-1)} every process it may signal, {@code kill(-N)} the group N),
 * then a pid beyond the platform's range ({@code /proc/sys/kernel/pid_max}, and never beyond a C int), pid 1 of this
 * host, and Lockwatch's own pid. Only then is {@code kill(2)} called, through {@code POSIXFactory.getPOSIX()}, and
 * its errno read on failure.
 *
 * <p>It proves nothing about who the pid is: callers verify the gateway's identity (starttime, command line) right
 * before they send. Thread-safe.
 */
public final class Signaller {
    private static final Path PID_MAX = Path.of("/proc/sys/kernel/pid_max");
    /** What {@link Kill} returns when native calls are unavailable (jnr-posix fell back to its Java implementation). */
    static final int NO_NATIVE = -1;

    /** {@code kill(2)}: returns 0 on success, else the errno. Tests replace it to prove the guard comes first. */
    @FunctionalInterface
    interface Kill {
        int call(int pid, int signal);
    }

    private static POSIX posix;

    private final long maxPid;
    private final long ownPid;
    private final Kill kill;

    /** A Signaller for this host: its pid range, this process's pid, the real {@code kill(2)}. */
    public Signaller() {
        this(platformMaxPid(), ProcessHandle.current().pid(), Signaller::nativeKill);
    }

    Signaller(long maxPid, long ownPid, Kill kill) {
        this.maxPid = Math.min(maxPid, Integer.MAX_VALUE);
        this.ownPid = ownPid;
        this.kill = kill;
    }

    /** This platform's number of {@code signal} (Linux: SIGUSR1 10, SIGUSR2 12; macOS: 30, 31). */
    public static int number(RestartSignal signal) {
        return (signal == RestartSignal.SIGUSR2 ? Signal.SIGUSR2 : Signal.SIGUSR1).intValue();
    }

    /** The largest pid this host can hand out. */
    public long maxPid() {
        return maxPid;
    }

    /** The guard alone: why {@code pid} would be refused, or empty when it may be signalled. Sends nothing. */
    public Optional<SignalResult.Refused> refusal(long pid) {
        if (pid <= 0) { // first, before anything else
            String what = pid == 0 ? "kill(0) would signal every process in Lockwatch's own process group"
                    : pid == -1 ? "kill(-1) would signal every process Lockwatch may signal"
                    : "a negative pid would signal the whole process group " + (pid == Long.MIN_VALUE ? "2^63" : Long.toString(-pid));
            return Optional.of(new SignalResult.Refused(pid, SignalResult.Refusal.NON_POSITIVE_PID,
                    "refused pid " + pid + ": " + what));
        }
        if (pid > maxPid) {
            return Optional.of(new SignalResult.Refused(pid, SignalResult.Refusal.BEYOND_PID_RANGE,
                    "refused pid " + pid + ": beyond this host's pid range (largest pid " + maxPid + ")"));
        }
        if (pid == 1) {
            return Optional.of(new SignalResult.Refused(pid, SignalResult.Refusal.INIT_PROCESS,
                    "refused pid 1: it is this host's init process, never a gateway"));
        }
        if (pid == ownPid) {
            return Optional.of(new SignalResult.Refused(pid, SignalResult.Refusal.LOCKWATCH_ITSELF,
                    "refused pid " + pid + ": it is Lockwatch itself"));
        }
        return Optional.empty();
    }

    /**
     * Sends {@code signal} to {@code pid} unless the guard refuses it.
     *
     * @return {@link SignalResult.Sent}, {@link SignalResult.Refused} (nothing was sent) or {@link SignalResult.Failed}
     *         (with the errno name and a plain message: EPERM names the process's user, ESRCH says it is gone)
     */
    public SignalResult send(long pid, RestartSignal signal) {
        Optional<SignalResult.Refused> refused = refusal(pid);
        if (refused.isPresent()) {
            return refused.get();
        }
        int errno = kill.call((int) pid, number(signal));
        if (errno == 0) {
            return new SignalResult.Sent(pid, signal);
        }
        if (errno == NO_NATIVE) {
            return new SignalResult.Failed(pid, signal, "ENOSYS",
                    "cannot send signals on this platform: native kill(2) is unavailable");
        }
        return failed(pid, signal, errno);
    }

    private static SignalResult.Failed failed(long pid, RestartSignal signal, int errno) {
        Errno known = Errno.valueOf(errno);
        if (known == Errno.ESRCH) {
            return new SignalResult.Failed(pid, signal, "ESRCH", "process " + pid + " no longer exists");
        }
        if (known == Errno.EPERM) {
            return new SignalResult.Failed(pid, signal, "EPERM", permissionMessage(pid, uidOf(pid)));
        }
        String name = known == null || known == Errno.__UNKNOWN_CONSTANT__ ? "errno " + errno : known.name();
        String description = known == null || known == Errno.__UNKNOWN_CONSTANT__ ? "unknown error" : known.description();
        return new SignalResult.Failed(pid, signal, name, "kill(" + pid + ", " + signal + ") failed: " + description);
    }

    /** The EPERM message: who the process runs as, and what to do about it. */
    static String permissionMessage(long pid, Integer uid) {
        if (uid == null) {
            String user = ProcessHandle.of(pid).flatMap(h -> h.info().user()).orElse(null);
            return user == null
                    ? "not permitted to signal pid " + pid + ": it runs as another user; run Lockwatch as the gateway's user"
                    : "the gateway runs as user " + user + "; run Lockwatch as that user";
        }
        String name = Users.nameOf(uid);
        return "the gateway runs as user " + (name == null ? "#" + uid : name) + " (uid " + uid + "); run Lockwatch as that user";
    }

    private static Integer uidOf(long pid) {
        return ProcessProbes.forThisPlatform().state(pid).uid();
    }

    private static long platformMaxPid() {
        try {
            return Long.parseLong(ProcFiles.text(PID_MAX).trim());
        } catch (IOException | NumberFormatException e) {
            return Integer.MAX_VALUE; // no /proc (macOS): pid_t is a C int
        }
    }

    private static int nativeKill(int pid, int signal) {
        POSIX posix = posix();
        if (!posix.isNative()) {
            return NO_NATIVE;
        }
        if (posix.kill(pid, signal) == 0) {
            return 0;
        }
        int errno = posix.errno();
        return errno == 0 || errno == NO_NATIVE ? Errno.EINVAL.intValue() : errno;
    }

    /**
     * Loaded on the first real send only: the guard alone never touches native code. (A field here rather than a
     * holder class: no other class, nested ones included, may touch jnr.)
     */
    private static synchronized POSIX posix() {
        if (posix == null) {
            posix = POSIXFactory.getPOSIX();
        }
        return posix;
    }
}
