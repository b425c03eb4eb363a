package dev.lockwatch.hold;

import dev.lockwatch.lock.Holder;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.Reason;
import dev.lockwatch.lock.Verdict;
import java.nio.file.Path;
import java.util.List;

/** A July-line session lock file as a {@link Hold}: the {@link LockReport} its judge made, unchanged. */
public record LockFileHold(LockReport report) implements Hold {
    public static String idOf(Path lockFile) {
        return HoldKind.LOCK_FILE.word() + ":" + lockFile;
    }

    @Override
    public HoldKind kind() {
        return HoldKind.LOCK_FILE;
    }

    @Override
    public String id() {
        return idOf(report.path());
    }

    @Override
    public Path location() {
        return report.path();
    }

    @Override
    public Holder holder() {
        return report.holder();
    }

    @Override
    public Verdict verdict() {
        return report.verdict();
    }

    @Override
    public List<String> reasons() {
        return report.reasons().stream().map(Reason::word).toList();
    }

    @Override
    public boolean removable() {
        return report.removable();
    }

    @Override
    public String note() {
        return report.note();
    }

    /** Equal when the report says the same ({@link LockReport#sameAs}): its judging instant does not count. */
    @Override
    public boolean equals(Object o) {
        return o instanceof LockFileHold other && report.sameAs(other.report);
    }

    @Override
    public int hashCode() {
        return report.path().hashCode();
    }
}
