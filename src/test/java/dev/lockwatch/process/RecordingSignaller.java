package dev.lockwatch.process;

import java.util.List;

/** For tests outside this package: a real {@link Signaller} (its guard, this host's range and pid) whose kill(2) only records. */
public final class RecordingSignaller {
    private RecordingSignaller() {
    }

    /** Every pid that reached kill(2) is added to {@code kills}; kill "succeeds". */
    public static Signaller recordingInto(List<Long> kills) {
        return new Signaller(new Signaller().maxPid(), ProcessHandle.current().pid(), (pid, signal) -> {
            kills.add((long) pid);
            return 0;
        });
    }
}
