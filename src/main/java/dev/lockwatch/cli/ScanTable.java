package dev.lockwatch.cli;

import dev.lockwatch.lock.Ages;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.ScanResult;
import dev.lockwatch.lock.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The human table of {@code scan}: path relative to its root, pid, age, verdict, reasons. */
final class ScanTable {
    private static final String[] HEADER = {"PATH", "PID", "AGE", "VERDICT", "REASONS"};

    private ScanTable() {
    }

    static String render(ScanResult result) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (LockReport lock : result.locks()) {
            String reasons = String.join(",", ScanJson.words(lock.reasons()));
            if (lock.error() != null) {
                reasons = reasons + " (" + lock.error() + ")";
            }
            if (lock.note() != null && lock.note().startsWith("held-over-restart")) {
                reasons = reasons.isEmpty() ? "held-over-restart" : reasons + ",held-over-restart";
            }
            rows.add(new String[] {
                SafeText.terminal(lock.relativePath().toString()),
                lock.pid() == null ? "-" : lock.pid().toString(),
                Ages.format(lock.ageMs()),
                lock.verdict().word() + (lock.removable() ? "" : lock.verdict() == Verdict.STALE ? " (keep)" : ""),
                SafeText.terminal(reasons.isEmpty() ? "-" : reasons)});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append(summary(result)).append('\n');
        return out.toString();
    }

    static String summary(ScanResult result) {
        Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
        result.locks().forEach(l -> counts.merge(l.verdict(), 1L, Long::sum));
        String parts = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().word()).collect(Collectors.joining(", "));
        return result.locks().size() + " lock" + (result.locks().size() == 1 ? "" : "s") + " under " + result.roots().size()
                + " root" + (result.roots().size() == 1 ? "" : "s") + (parts.isEmpty() ? "" : ": " + parts);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
