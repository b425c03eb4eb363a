package dev.lockwatch.report;

import dev.lockwatch.gateway.GatewayInfo;
import dev.lockwatch.lock.Ages;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.Reason;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.restart.RestartReport;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An incident report for a ticket: the gateway, the last restart and its outcome, the survivors, the lock
 * events around the restart, and the locks as they are now. Pure: built from what the window already knows.
 *
 * @param createdAt the moment of the report
 * @param restart   the last restart from this window, null when none
 * @param timeline  lock events seen by the window, oldest first
 * @param locks     every lock as judged now
 * @param roots     the watched roots
 */
public record IncidentReport(Instant createdAt, RestartReport restart, List<TimelineEntry> timeline, List<LockReport> locks,
                             List<java.nio.file.Path> roots) {
    /** Events this long before the signal and after the outcome are included. */
    static final Duration AROUND = Duration.ofMinutes(5);

    public IncidentReport {
        timeline = List.copyOf(timeline);
        locks = List.copyOf(locks);
        roots = List.copyOf(roots);
    }

    /** The events around the restart (all of them when there was none). */
    public List<TimelineEntry> relevantTimeline() {
        if (restart == null || restart.signalledAt() == null) {
            return timeline;
        }
        Instant from = restart.signalledAt().minus(AROUND);
        Instant to = restart.signalledAt().plusMillis(restart.elapsedMs()).plus(AROUND);
        return timeline.stream().filter(e -> !e.at().isBefore(from) && !e.at().isAfter(to)).toList();
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# Lockwatch incident report\n\n");
        md.append("Created ").append(createdAt).append(" · roots: ")
                .append(roots.stream().map(r -> Markdown.escape(r.toString())).collect(Collectors.joining(", "))).append("\n\n");
        md.append("## Locks now\n\n").append(counts()).append("\n\n");
        if (restart != null) {
            restartSection(md);
        } else {
            md.append("## Restart\n\nNo restart was sent from this window.\n\n");
        }
        md.append("## Lock events").append(restart != null && restart.signalledAt() != null ? " around the restart" : "").append("\n\n");
        List<TimelineEntry> events = relevantTimeline();
        if (events.isEmpty()) {
            md.append("None seen.\n\n");
        } else {
            md.append("| time | event | lock | verdict | reasons |\n|---|---|---|---|---|\n");
            for (TimelineEntry e : events) {
                md.append("| ").append(e.at()).append(" | ").append(e.event()).append(" | ").append(Markdown.escape(e.path().toString()))
                        .append(" | ").append(e.verdict() == null ? "" : e.verdict()).append(" | ")
                        .append(String.join(", ", e.reasons())).append(" |\n");
            }
            md.append('\n');
        }
        md.append("## Every lock now\n\n| lock | pid | age | verdict | reasons | holder |\n|---|---|---|---|---|---|\n");
        for (LockReport l : locks) {
            md.append("| ").append(Markdown.escape(l.path().toString())).append(" | ").append(l.pid() == null ? "" : l.pid())
                    .append(" | ").append(Ages.format(l.ageMs(createdAt))).append(" | ").append(l.verdict().word())
                    .append(" | ").append(words(l.reasons())).append(" | ")
                    .append(Markdown.escape(l.holder().command() == null ? "" : l.holder().command())).append(" |\n");
        }
        return md.toString();
    }

    private void restartSection(StringBuilder md) {
        GatewayInfo g = restart.plan().gateway();
        md.append("## Restart\n\n");
        if (g != null) {
            md.append("- Gateway lock: ").append(Markdown.escape(g.lockPath().toString())).append("\n")
                    .append("- Pid: ").append(g.pid()).append(g.nested() ? " (host pid " + g.hostPid() + ")" : "").append('\n')
                    .append("- OpenClaw: ").append(g.version() == null ? "unknown" : Markdown.escape(g.version())).append('\n')
                    .append("- Identity: ").append(Markdown.escape(g.why())).append('\n');
        }
        md.append("- Signal: ").append(restart.plan().signal() == null ? "none" : restart.plan().signal())
                .append(restart.signalledAt() == null ? "" : " at " + restart.signalledAt()).append('\n')
                .append("- Outcome: **").append(restart.outcome().word()).append("**: ").append(Markdown.escape(restart.message())).append('\n');
        if (restart.gatewayAfter() != null) {
            md.append("- Gateway after: pid ").append(restart.gatewayAfter().pid())
                    .append(restart.gatewayAfter().samePid() ? " (same process)" : " (new process)").append('\n');
        }
        md.append("- Tracked locks: ").append(restart.plan().tracked().size()).append(", released: ").append(restart.released().size())
                .append(", survivors: ").append(restart.survivors().size()).append("\n\n");
        if (!restart.released().isEmpty()) {
            md.append("| released lock | after |\n|---|---|\n");
            restart.released().forEach(r -> md.append("| ").append(Markdown.escape(r.path().toString())).append(" | ")
                    .append(r.afterMs()).append(" ms |\n"));
            md.append('\n');
        }
        if (!restart.survivors().isEmpty()) {
            md.append("| survivor | verdict | reasons | note |\n|---|---|---|---|\n");
            restart.survivors().forEach(s -> md.append("| ").append(Markdown.escape(s.path().toString())).append(" | ")
                    .append(s.verdict().word()).append(" | ").append(words(s.reasons())).append(" | ")
                    .append(Markdown.escape(s.note() == null ? "" : s.note())).append(" |\n"));
            md.append('\n');
        }
    }

    public Map<String, Object> json() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("createdAt", createdAt.toString());
        doc.put("roots", roots.stream().map(Object::toString).toList());
        doc.put("counts", countMap());
        if (restart == null) {
            doc.put("restart", null);
        } else {
            Map<String, Object> r = new LinkedHashMap<>();
            GatewayInfo g = restart.plan().gateway();
            r.put("gatewayLock", g == null ? null : g.lockPath().toString());
            r.put("pid", g == null ? null : g.pid());
            r.put("hostPid", g == null ? null : g.hostPid());
            r.put("version", g == null ? null : g.version());
            r.put("signal", restart.plan().signal() == null ? null : restart.plan().signal().name());
            r.put("signalledAt", restart.signalledAt() == null ? null : restart.signalledAt().toString());
            r.put("outcome", restart.outcome().word());
            r.put("message", restart.message());
            r.put("released", restart.released().stream().map(x -> Map.of("path", x.path().toString(), "afterMs", x.afterMs())).toList());
            r.put("survivors", restart.survivors().stream().map(s -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("path", s.path().toString());
                m.put("verdict", s.verdict().word());
                m.put("reasons", s.reasons().stream().map(Reason::word).toList());
                m.put("note", s.note());
                return m;
            }).toList());
            doc.put("restart", r);
        }
        doc.put("timeline", relevantTimeline().stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", e.at().toString());
            m.put("event", e.event());
            m.put("path", e.path().toString());
            m.put("verdict", e.verdict());
            m.put("reasons", e.reasons());
            return m;
        }).toList());
        doc.put("locks", locks.stream().map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", l.path().toString());
            m.put("pid", l.pid());
            m.put("verdict", l.verdict().word());
            m.put("reasons", l.reasons().stream().map(Reason::word).toList());
            m.put("holderCommand", l.holder().command());
            return m;
        }).toList());
        return doc;
    }

    private Map<String, Integer> countMap() {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        locks.forEach(l -> counts.merge(l.verdict(), 1, Integer::sum));
        Map<String, Integer> json = new LinkedHashMap<>();
        counts.forEach((v, n) -> json.put(v.word(), n));
        return json;
    }

    private String counts() {
        Map<String, Integer> counts = countMap();
        return counts.isEmpty() ? "No locks." : counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")) + ".";
    }

    private static String words(List<Reason> reasons) {
        return reasons.stream().map(Reason::word).collect(Collectors.joining(", "));
    }
}
