package dev.lockwatch.cli;

import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.RootError;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.watch.HoldEvent;
import dev.lockwatch.watch.LockEvent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lines of {@code watch}: one per event, JSON (field names are a contract, see README) or human. Used by
 * one thread only (the output thread of {@link WatchCommand}); every line is flushed at once.
 */
final class WatchOutput {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final boolean json;
    private final PrintWriter out;
    private final ZoneId zone;
    private final Map<Path, LockReport> known = new HashMap<>();
    private Set<RootError> shownErrors = Set.of();
    private int roots;

    WatchOutput(boolean json, PrintWriter out, ZoneId zone) {
        this.json = json;
        this.out = out;
        this.zone = zone;
    }

    void events(List<LockEvent> events) {
        for (LockEvent event : events) {
            if (event instanceof LockEvent.Added added) {
                known.put(added.path(), added.lock());
                lock("added", added.lock(), added.at());
            } else if (event instanceof LockEvent.Changed changed) {
                known.put(changed.path(), changed.lock());
                lock("changed", changed.lock(), changed.at());
            } else if (event instanceof LockEvent.Removed removed) {
                removed(removed.path(), known.remove(removed.path()), removed.at());
            }
        }
    }

    /**
     * The 2026.8+ holds as they change: the object {@code scan --json} prints for the hold, under {@code gateway},
     * {@code lease} or {@code session}, with the hold's {@code kind}; {@code removed} names the hold's {@code id}.
     */
    void holdEvents(List<HoldEvent> events) {
        for (HoldEvent event : events) {
            String word = event instanceof HoldEvent.Put put ? (put.added() ? "added" : "changed") : "removed";
            if (json) {
                Map<String, Object> line = head(word, event.at());
                line.put("kind", event.kind().word());
                if (event instanceof HoldEvent.Put put) {
                    line.put(HoldJson.family(put.hold()), HoldJson.object(put.hold(), event.at()));
                } else {
                    line.put("id", event.id());
                }
                emit(Json.line(line));
            } else {
                String detail = event instanceof HoldEvent.Put put
                        ? put.hold().verdict().word() + "  " + (put.hold().reasons().isEmpty() ? "-" : String.join(",", put.hold().reasons()))
                        : "";
                emit(time(event.at()) + "  " + String.format("%-8s %-9s ", word, event.kind().word())
                        + SafeText.terminal(event.id()) + "  " + detail);
            }
        }
    }

    /** The errors of every root now: prints the ones not shown before (an error that clears and returns is shown again). */
    void errors(List<RootError> errors, Instant at) {
        Set<RootError> now = new LinkedHashSet<>(errors);
        for (RootError error : now) {
            if (!shownErrors.contains(error)) {
                error(error, at);
            }
        }
        shownErrors = now;
    }

    void ready(Instant at, int rootCount) {
        roots = rootCount;
        if (json) {
            Map<String, Object> line = head("ready", at);
            emit(Json.line(line));
        } else {
            int n = known.size();
            emit(time(at) + "  ready    " + n + " lock" + (n == 1 ? "" : "s") + " under " + roots + " root" + (roots == 1 ? "" : "s")
                    + "; watching (Ctrl-C to stop)");
        }
    }

    private void lock(String event, LockReport lock, Instant at) {
        if (json) {
            Map<String, Object> line = head(event, at);
            line.put("lock", ScanJson.lock(lock));
            emit(Json.line(line));
            return;
        }
        String reasons = String.join(",", ScanJson.words(lock.reasons()));
        if (lock.error() != null) {
            reasons = reasons + " (" + lock.error() + ")";
        }
        if (lock.note() != null && lock.note().startsWith("held-over-restart")) {
            reasons = reasons.isEmpty() ? "held-over-restart" : reasons + ",held-over-restart";
        }
        String verdict = lock.verdict().word() + (!lock.removable() && lock.verdict() == Verdict.STALE ? " (keep)" : "");
        emit(String.join("  ", time(at), pad(event), SafeText.terminal(lock.relativePath().toString()), pid(lock), verdict,
                SafeText.terminal(reasons.isEmpty() ? "-" : reasons)));
    }

    private void removed(Path path, LockReport last, Instant at) {
        if (json) {
            Map<String, Object> line = head("removed", at);
            line.put("path", path.toString());
            emit(Json.line(line));
            return;
        }
        String shown = last == null ? path.toString() : last.relativePath().toString();
        emit(String.join("  ", time(at), pad("removed"), SafeText.terminal(shown), last == null ? "pid -" : pid(last)));
    }

    private void error(RootError error, Instant at) {
        if (json) {
            Map<String, Object> line = head("error", at);
            line.put("path", error.path().toString());
            line.put("error", error.error());
            emit(Json.line(line));
            return;
        }
        emit(String.join("  ", time(at), pad("error"), SafeText.terminal(error.path().toString()) + ": " + SafeText.terminal(error.error())));
    }

    private static Map<String, Object> head(String event, Instant at) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", event);
        line.put("at", at.toString());
        return line;
    }

    private String time(Instant at) {
        return TIME.format(at.atZone(zone));
    }

    private static String pid(LockReport lock) {
        return "pid " + (lock.pid() == null ? "-" : lock.pid().toString());
    }

    private static String pad(String event) {
        return event.length() >= 7 ? event : event + " ".repeat(7 - event.length());
    }

    private void emit(String line) {
        out.println(line);
        out.flush();
    }
}
