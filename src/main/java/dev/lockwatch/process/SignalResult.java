package dev.lockwatch.process;

/**
 * What became of one request to {@link Signaller#send(long, RestartSignal) signal} a process: sent, refused
 * before anything was sent (with the reason), or failed in {@code kill(2)} (with the errno name).
 */
public sealed interface SignalResult {

    /** The pid that was asked for. */
    long pid();

    /** One plain sentence for a person. */
    String message();

    default boolean sent() {
        return this instanceof Sent;
    }

    /** Why a pid is never signalled. */
    enum Refusal {
        /** 0 signals the caller's process group, -1 every process, -N the process group N. */
        NON_POSITIVE_PID("non-positive-pid"),
        /** Beyond {@code /proc/sys/kernel/pid_max} or beyond a C int: no process can have it. */
        BEYOND_PID_RANGE("beyond-pid-range"),
        /** Pid 1 of this host: init (or the container's own init when Lockwatch runs in one). */
        INIT_PROCESS("init-process"),
        /** Lockwatch's own pid. */
        LOCKWATCH_ITSELF("lockwatch-itself");

        private final String word;

        Refusal(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** {@code kill(2)} returned 0: the signal was delivered (whether the process acts on it is its business). */
    record Sent(long pid, RestartSignal signal) implements SignalResult {
        @Override
        public String message() {
            return "sent " + signal + " to pid " + pid;
        }
    }

    /** Nothing was sent: the guard refused the pid. */
    record Refused(long pid, Refusal refusal, String message) implements SignalResult {
    }

    /**
     * {@code kill(2)} failed.
     *
     * @param errno   the errno name ({@code EPERM}, {@code ESRCH}, ...; {@code ENOSYS} where native calls are unavailable)
     * @param message a plain explanation, e.g. "process 123 no longer exists"
     */
    record Failed(long pid, RestartSignal signal, String errno, String message) implements SignalResult {
    }
}
