package dev.lockwatch.restart;

import dev.lockwatch.audit.AuditLog;
import dev.lockwatch.gateway.GatewayInfo;
import dev.lockwatch.lock.GatewayContext;
import dev.lockwatch.lock.LockFileReader;
import dev.lockwatch.lock.LockRead;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.PayloadParser;
import dev.lockwatch.lock.LockScanner;
import dev.lockwatch.process.SignalResult;
import dev.lockwatch.process.Signaller;
import dev.lockwatch.watch.LockEvent;
import dev.lockwatch.watch.LockStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one restart through its state machine ({@link RestartPhase}): re-verifies the gateway right before the
 * signal, sends it, then watches the tracked locks (store events wake it; every tracked file is also re-read
 * every {@link #POLL}, 25 ms) and the gateway (its lock rewritten, a new pid, or a restart in its log) until every
 * tracked lock is released or the timeout passes. Used by the CLI and the GUI alike.
 *
 * <p>Threading: {@link #run} blocks the calling thread (never the FX thread) for at most the timeout;
 * listener calls happen on that thread.
 */
public final class RestartFlow {
    private static final Logger LOG = LoggerFactory.getLogger(RestartFlow.class);
    static final Duration POLL = Duration.ofMillis(25);
    private static final Duration REMAINING_EVERY = Duration.ofMillis(100);
    private static final Duration DISCOVER_EVERY = Duration.ofMillis(500);

    /** Where the flow looks for gateways: the same places the plan came from. */
    public interface Gateways {
        /** The gateway lock at {@code lockPath} as it is now, null when gone. */
        GatewayInfo inspect(Path lockPath);

        /** Every gateway lock found now. */
        List<GatewayInfo> discover();
    }

    private final Gateways gateways;
    private final Signaller signaller;
    private final LockScanner scanner;
    private final LockStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration timeout;
    private final Duration goneGrace;

    /**
     * @param store     the watched store whose events wake the flow; null to rely on polling alone
     * @param timeout   how long to wait for the release (the gateway may drain running work first)
     * @param goneGrace how long the old pid may be dead with no gateway back before the outcome is gateway-gone
     */
    public RestartFlow(Gateways gateways, Signaller signaller, LockScanner scanner, LockStore store, AuditLog audit, Clock clock,
                       Duration timeout, Duration goneGrace) {
        this.gateways = gateways;
        this.signaller = signaller;
        this.scanner = scanner;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.timeout = timeout;
        this.goneGrace = goneGrace;
    }

    public RestartReport run(RestartPlan plan, RestartListener listener) {
        long started = System.nanoTime();
        if (plan.refused()) {
            return finish(plan, null, List.of(), List.of(), null, started, RestartOutcome.REFUSED, plan.refusal(), listener);
        }
        listener.phase(RestartPhase.VERIFYING, "re-verifying pid " + plan.gateway().hostPid() + " right before the signal");
        GatewayInfo now = gateways.inspect(plan.gateway().lockPath());
        String changed = changedSincePlan(plan.gateway(), now);
        if (changed != null) {
            return finish(plan, null, List.of(), List.of(), null, started, RestartOutcome.REFUSED, changed, listener);
        }
        GatewayLogWatch log = GatewayLogWatch.open(now);
        warmUp(plan, log);
        LinkedBlockingQueue<Boolean> wake = new LinkedBlockingQueue<>();
        Set<Path> trackedPaths = plan.tracked().stream().map(LockReport::path).collect(Collectors.toSet());
        Consumer<List<LockEvent>> onEvents = events -> {
            if (events.stream().anyMatch(e -> trackedPaths.contains(e.path()))) {
                wake.offer(Boolean.TRUE);
            }
        };
        if (store != null) {
            store.subscribe(onEvents);
        }
        try {
            Instant signalledAt = clock.instant();
            SignalResult sent = signaller.send(now.hostPid(), plan.signal());
            auditSignal(plan, now, sent);
            if (sent instanceof SignalResult.Refused refused) {
                return finish(plan, null, List.of(), List.of(), null, started, RestartOutcome.REFUSED, refused.message(), listener);
            }
            if (sent instanceof SignalResult.Failed failed) {
                return finish(plan, null, List.of(), List.of(), null, started, RestartOutcome.SIGNAL_FAILED, failed.message(), listener);
            }
            listener.phase(RestartPhase.SIGNALLED, plan.signal() + " sent to pid " + now.hostPid());
            listener.phase(RestartPhase.AWAITING_RELEASE, "waiting up to " + timeout.toSeconds() + " s for "
                    + plan.tracked().size() + " lock" + (plan.tracked().size() == 1 ? "" : "s") + " to be released");
            return await(plan, now, signalledAt, log, wake, started, listener);
        } finally {
            if (store != null) {
                store.unsubscribe(onEvents);
            }
        }
    }

    private RestartReport await(RestartPlan plan, GatewayInfo gateway, Instant signalledAt, GatewayLogWatch log,
                                LinkedBlockingQueue<Boolean> wake, long started, RestartListener listener) {
        Instant signalMs = signalledAt.truncatedTo(ChronoUnit.MILLIS);
        Map<Path, LockReport> pending = new LinkedHashMap<>();
        plan.tracked().forEach(l -> pending.put(l.path(), l));
        List<RestartReport.Release> released = new ArrayList<>();
        RestartReport.GatewayAfter after = null;
        Instant logRestart = null;
        Instant deadline = signalledAt.plus(timeout);
        Instant nextDiscover = signalledAt;
        Instant deadSince = null;
        Instant nextRemaining = signalledAt;
        while (true) {
            Instant now = clock.instant();
            for (var it = pending.values().iterator(); it.hasNext(); ) {
                LockReport tracked = it.next();
                if (released(tracked.path(), signalMs)) {
                    long afterMs = Math.max(0, Duration.between(signalledAt, now).toMillis());
                    released.add(new RestartReport.Release(tracked.path(), afterMs));
                    listener.released(tracked.path(), afterMs);
                    it.remove();
                }
            }
            GatewayLogWatch.Seen seen = log == null ? null : log.poll();
            if (seen != null && logRestart == null) {
                logRestart = now;
            }
            if (after == null || seen != null) {
                RestartReport.GatewayAfter found = restartSeen(gateway, signalMs, seen, logRestart, !now.isBefore(nextDiscover));
                if (found != null) {
                    after = found;
                }
                if (!now.isBefore(nextDiscover)) {
                    nextDiscover = now.plus(DISCOVER_EVERY);
                }
            }
            boolean oldAlive = scanner.probe().state(gateway.hostPid()).alive();
            deadSince = oldAlive || after != null ? null : deadSince == null ? now : deadSince;

            if (after != null && pending.isEmpty()) {
                return finish(plan, signalledAt, released, List.of(), after, started, RestartOutcome.RELEASED,
                        releasedMessage(plan, released, after), listener);
            }
            if (deadSince != null && Duration.between(deadSince, now).compareTo(goneGrace) >= 0) {
                return gone(plan, signalledAt, released, pending, started, listener);
            }
            if (!now.isBefore(deadline)) {
                if (after == null) {
                    return oldAlive ? notRestarted(plan, gateway, signalledAt, released, pending, started, listener)
                            : gone(plan, signalledAt, released, pending, started, listener);
                }
                List<LockReport> survivors = rejudgeSurvivors(pending, after);
                return finish(plan, signalledAt, released, survivors, after, started, RestartOutcome.SURVIVORS,
                        survivors.size() + " of " + plan.tracked().size() + " tracked locks survived the restart: "
                                + survivorSummary(survivors), listener);
            }
            if (!now.isBefore(nextRemaining)) {
                listener.remaining(Duration.between(now, deadline).toMillis());
                nextRemaining = now.plus(REMAINING_EVERY);
            }
            try {
                wake.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return finish(plan, signalledAt, released, List.copyOf(pending.values()), after, started,
                        after == null ? RestartOutcome.GATEWAY_NOT_RESTARTED : RestartOutcome.SURVIVORS, "interrupted", listener);
            }
        }
    }

    /**
     * Runs once, before the signal, what the wait runs on every poll (read each tracked file, look at the gateway and
     * its log), so the first restart in a fresh JVM does not notice releases late for cold code. Nothing is decided here.
     */
    private void warmUp(RestartPlan plan, GatewayLogWatch log) {
        for (LockReport tracked : plan.tracked()) {
            released(tracked.path(), Instant.MAX);
        }
        if (log != null) {
            log.poll(); // what the log held before the signal is not a restart
        }
        gateways.discover();
        scanner.probe().state(plan.gateway().hostPid());
    }

    /**
     * Released: the file is gone, or it is a new lock taken after the signal (a released lock may reappear for a
     * moment with a new createdAt). Only the file is read: no process facts are needed for this.
     */
    private static boolean released(Path lock, Instant signalMs) {
        LockRead read = LockFileReader.read(lock);
        if (read instanceof LockRead.Gone) {
            return true;
        }
        if (read instanceof LockRead.Content content) {
            Instant created = PayloadParser.parse(content.bytes()).createdAt();
            return created != null && !created.isBefore(signalMs);
        }
        return false;
    }

    /** The gateway after the signal: its lock rewritten (same pid or new), or a restart in its log. */
    private RestartReport.GatewayAfter restartSeen(GatewayInfo before, Instant signalMs, GatewayLogWatch.Seen seen,
                                                   Instant logRestart, boolean discover) {
        GatewayInfo same = gateways.inspect(before.lockPath());
        if (rewritten(same, signalMs)) {
            return after(before, same.hostPid(), same.createdAt(), logRestart);
        }
        if (discover) {
            for (GatewayInfo g : gateways.discover()) {
                if (rewritten(g, signalMs)) {
                    return after(before, g.hostPid(), g.createdAt(), logRestart);
                }
            }
        }
        if (seen != null) {
            long pid = seen.pid() != null ? seen.pid() : before.hostPid();
            return new RestartReport.GatewayAfter(pid, pid == before.hostPid(), logRestart);
        }
        return null;
    }

    private static boolean rewritten(GatewayInfo g, Instant signalMs) {
        return g != null && g.verified() && g.createdAt() != null && !g.createdAt().isBefore(signalMs);
    }

    private static RestartReport.GatewayAfter after(GatewayInfo before, long pid, Instant lockCreated, Instant logRestart) {
        Instant restartedAt = logRestart != null && logRestart.isAfter(lockCreated) ? logRestart : lockCreated;
        return new RestartReport.GatewayAfter(pid, pid == before.hostPid(), restartedAt);
    }

    private List<LockReport> rejudgeSurvivors(Map<Path, LockReport> pending, RestartReport.GatewayAfter after) {
        LockScanner withRestart = scanner.withGateway(() -> GatewayContext.of(after.pid(), after.restartedAt()));
        List<LockReport> survivors = new ArrayList<>();
        for (LockReport tracked : pending.values()) {
            LockReport now = withRestart.rejudge(tracked.path(), tracked.root());
            survivors.add(now != null ? now : tracked);
        }
        return survivors;
    }

    private RestartReport notRestarted(RestartPlan plan, GatewayInfo gateway, Instant signalledAt, List<RestartReport.Release> released,
                                       Map<Path, LockReport> pending, long started, RestartListener listener) {
        String why = "the gateway (pid " + gateway.hostPid() + ") is alive, but its gateway lock was not rewritten and no"
                + " restart was logged within " + timeout.toSeconds() + " s: it may still be draining running work before"
                + " restarting, or it ignored the signal" + (Boolean.FALSE.equals(gateway.restartEnabled())
                ? " (commands.restart is false in its config)" : "") + ". Wait and scan again, or raise --timeout.";
        return finish(plan, signalledAt, released, List.copyOf(pending.values()), null, started,
                RestartOutcome.GATEWAY_NOT_RESTARTED, why, listener);
    }

    private RestartReport gone(RestartPlan plan, Instant signalledAt, List<RestartReport.Release> released,
                               Map<Path, LockReport> pending, long started, RestartListener listener) {
        List<LockReport> left = new ArrayList<>();
        for (LockReport tracked : pending.values()) {
            LockReport now = scanner.rejudge(tracked.path(), tracked.root());
            if (now != null) {
                left.add(now);
            }
        }
        String why = "the gateway (pid " + plan.gateway().hostPid() + ") exited after the signal and no gateway came back"
                + " within " + goneGrace.toSeconds() + " s (it may expect a supervisor such as systemd to restart it)"
                + (left.isEmpty() ? "" : "; " + left.size() + " lock" + (left.size() == 1 ? " it left names" : "s it left name")
                + " a dead pid: `clean` removes them");
        return finish(plan, signalledAt, released, left, null, started, RestartOutcome.GATEWAY_GONE, why, listener);
    }

    /** E.g. {@code 2 orphaned (nobody holds them), 1 live (held over the restart by a run from before it)}. */
    private static String survivorSummary(List<LockReport> survivors) {
        Map<String, Long> kinds = survivors.stream().collect(Collectors.groupingBy(s -> {
            if (s.note() != null && s.note().startsWith("held-over-restart")) {
                return "live (held over the restart by a run from before it; released when that run ends)";
            }
            return s.verdict() == dev.lockwatch.lock.Verdict.ORPHANED ? "orphaned (nobody holds them: safe to remove)"
                    : s.verdict().word();
        }, LinkedHashMap::new, Collectors.counting()));
        return kinds.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    private static String releasedMessage(RestartPlan plan, List<RestartReport.Release> released, RestartReport.GatewayAfter after) {
        String how = after.samePid() ? "restarted in the same process (pid " + after.pid() + ")" : "came back as pid " + after.pid();
        if (released.isEmpty()) {
            return "the gateway " + how + "; it held no tracked lock";
        }
        long slowest = released.stream().mapToLong(RestartReport.Release::afterMs).max().orElse(0);
        return "all " + released.size() + " tracked lock" + (released.size() == 1 ? "" : "s") + " released within "
                + slowest + " ms; the gateway " + how;
    }

    private static String changedSincePlan(GatewayInfo planned, GatewayInfo now) {
        if (now == null) {
            return "the gateway lock " + planned.lockPath() + " is gone: the gateway stopped or restarted since the plan";
        }
        if (!now.verified()) {
            return "the gateway is no longer verified: " + now.why();
        }
        if (!Objects.equals(now.hostPid(), planned.hostPid()) || !Objects.equals(now.startTime(), planned.startTime())
                || !Objects.equals(now.createdAt(), planned.createdAt())) {
            return "the gateway changed since the plan (pid " + planned.hostPid() + " -> " + now.hostPid() + "): plan again";
        }
        return null;
    }

    private RestartReport finish(RestartPlan plan, Instant signalledAt, List<RestartReport.Release> released, List<LockReport> survivors,
                                 RestartReport.GatewayAfter after, long started, RestartOutcome outcome, String message,
                                 RestartListener listener) {
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        RestartReport report = new RestartReport(plan, signalledAt, released, survivors, after, elapsed, outcome, message);
        if (signalledAt != null) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("gatewayLock", plan.gateway().lockPath().toString());
            fields.put("hostPid", plan.gateway().hostPid());
            fields.put("outcome", outcome.word());
            fields.put("message", message);
            fields.put("released", released.stream().map(r -> Map.of("path", r.path().toString(), "afterMs", r.afterMs())).toList());
            fields.put("survivors", survivors.stream().map(s -> s.path().toString()).toList());
            append("restart-outcome", fields);
        }
        listener.phase(RestartPhase.of(outcome), message);
        return report;
    }

    private void auditSignal(RestartPlan plan, GatewayInfo gateway, SignalResult result) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("gatewayLock", gateway.lockPath().toString());
        fields.put("pid", gateway.pid());
        fields.put("hostPid", gateway.hostPid());
        fields.put("signal", plan.signal().name());
        fields.put("result", result instanceof SignalResult.Sent ? "sent" : result instanceof SignalResult.Refused ? "refused" : "failed");
        fields.put("message", result.message());
        fields.put("evidence", gateway.why());
        fields.put("version", gateway.version());
        fields.put("command", gateway.command());
        fields.put("tracked", plan.tracked().stream().map(l -> l.path().toString()).toList());
        append("signal", fields);
    }

    private void append(String action, Map<String, Object> fields) {
        try {
            audit.append(action, fields);
        } catch (IOException e) {
            LOG.error("audit log {} not written: {}", audit.file(), e.toString());
        }
    }
}
