package dev.lockwatch.lock;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One full scan: every lock judged at {@code scannedAt}, sorted by path. */
public record ScanResult(Instant scannedAt, Duration staleAfter, List<Path> roots, int readableRoots,
                         List<LockReport> locks, List<RootError> errors) {
    public ScanResult {
        roots = List.copyOf(roots);
        locks = List.copyOf(locks);
        errors = List.copyOf(errors);
    }

    public boolean allLive() {
        return locks.stream().allMatch(l -> l.verdict() == Verdict.LIVE);
    }
}
