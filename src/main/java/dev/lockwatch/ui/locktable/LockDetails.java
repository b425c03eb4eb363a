package dev.lockwatch.ui.locktable;

import dev.lockwatch.lock.Ages;
import dev.lockwatch.lock.Holder;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Collectors;

/** The evidence behind a verdict, as text for the detail pane. */
public final class LockDetails {
    private LockDetails() {
    }

    public static String describe(LockReport r, Instant now) {
        Holder h = r.holder();
        StringBuilder out = new StringBuilder();
        line(out, "Path", r.path().toString());
        line(out, "Verdict", r.verdict().word() + (r.removable() ? " (removable)" : " (keep)"));
        line(out, "Reasons", r.reasons().isEmpty() ? "none" : r.reasons().stream().map(Reason::word).collect(Collectors.joining(", ")));
        if (r.note() != null) {
            line(out, "Note", r.note());
        }
        if (r.error() != null) {
            line(out, "Error", r.error());
        }
        line(out, "Payload pid", r.pid() == null ? "missing or invalid" : r.pid().toString());
        line(out, "createdAt", r.payload().createdAtRaw() == null ? "missing" : r.payload().createdAtRaw()
                + (r.payload().createdAt() == null ? " (unparseable)" : " (age " + Ages.format(r.ageMs(now)) + ")"));
        line(out, "maxHoldMs", r.payload().maxHoldMs() == null ? "-" : r.payload().maxHoldMs().toString());
        line(out, "Starttime", "recorded " + text(r.payload().starttime()) + ", holder " + text(h.starttime()));
        line(out, "Holder", h.alive() ? "alive, host pid " + h.hostPid() + " (" + h.pidNamespace() + " pid namespace)" : "not alive");
        line(out, "Holds file open", h.holdsOpen() == null ? "unknown" : h.holdsOpen() ? "yes" : "no");
        line(out, "Command", h.command() == null ? "unknown" : h.command());
        line(out, "Modified", r.modified() == null ? "-" : r.modified().toString());
        line(out, "Judged at", r.judgedAt().toString());
        return out.toString();
    }

    /** The raw payload as text (what was judged, never re-read). */
    public static String rawPayload(LockReport r) {
        return r.raw().length == 0 ? "(empty or unreadable)" : new String(r.raw(), StandardCharsets.UTF_8);
    }

    private static String text(Long value) {
        return value == null ? "-" : value.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(label).append(": ").append(value).append('\n');
    }
}
