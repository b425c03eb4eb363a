package dev.lockwatch.lock;

import dev.lockwatch.process.FileIdentity;
import dev.lockwatch.process.HolderResolver;
import dev.lockwatch.process.OpenClawCommand;
import dev.lockwatch.process.ProcessProbe;
import dev.lockwatch.process.ResolvedHolder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Judges one lock: first exactly as the OpenClaw gateway does (rules 1-4 of {@code openclaw-locks.md}, in
 * that order), then what the gateway cannot see about itself (a live holder that no longer holds the file
 * open; a lock taken before the gateway's restart). Pure: everything it looks at is passed in.
 */
public final class Judge {
    public static final String NOTE_HELD_OVER_RESTART = "held-over-restart: still held open by a run from before the restart;"
            + " released when that run ends; a full stop and start of the gateway releases it now";
    public static final String NOTE_RECENT_PAYLOAD = "recently written: it may still be being written, and OpenClaw"
            + " reclaims it only once its mtime is older than the stale threshold";
    public static final String NOTE_HELD_OPEN = "its holder still holds it open: removing it would let two writers into one transcript";

    private final JudgeSettings settings;

    public Judge(JudgeSettings settings) {
        this.settings = Objects.requireNonNull(settings);
    }

    public JudgeSettings settings() {
        return settings;
    }

    /** Judges again what was read before (no disk access), for ages and holders that change over time. */
    public LockReport rejudge(LockReport previous, Instant now, ProcessProbe probe, GatewayContext gateway) {
        if (previous.verdict() == Verdict.UNREADABLE) {
            return previous;
        }
        return judgeContent(previous.path(), previous.root(), previous.content(), previous.payload(), now, probe, gateway);
    }

    /** The report for what was read, or null when the file is gone. */
    public LockReport judge(Path path, Path root, LockRead read, Instant now, ProcessProbe probe, GatewayContext gateway) {
        if (read instanceof LockRead.Gone) {
            return null;
        }
        if (read instanceof LockRead.Unreadable u) {
            return new LockReport(path, root, LockPayload.EMPTY, new byte[0], null, null, now, Holder.NONE, Verdict.UNREADABLE,
                    List.of(u.reason()), false, null, u.message());
        }
        LockRead.Content content = (LockRead.Content) read;
        return judgeContent(path, root, content, PayloadParser.parse(content.bytes()), now, probe, gateway);
    }

    private LockReport judgeContent(Path path, Path root, LockRead.Content content, LockPayload payload, Instant now,
                                    ProcessProbe probe, GatewayContext gateway) {
        List<Reason> reasons = new ArrayList<>();
        ResolvedHolder resolved = null;
        boolean recycled = false;

        // 1. missing-pid | dead-pid | recycled-pid (at most one)
        if (payload.pid() == null) {
            reasons.add(Reason.MISSING_PID);
        } else {
            resolved = HolderResolver.resolve(payload.pid(), payload.starttime(), probe);
            if (resolved.kind() == ResolvedHolder.Kind.AMBIGUOUS) {
                return report(path, root, content, payload, now, Holder.NONE, Verdict.UNRESOLVED,
                        List.of(Reason.AMBIGUOUS_PID_NAMESPACE), false,
                        "processes in several pid namespaces carry pid " + payload.pid() + " and the lock records no starttime");
            }
            if (!resolved.alive()) {
                reasons.add(Reason.DEAD_PID);
            } else if (payload.starttime() != null && resolved.state().starttime() != null
                    && !payload.starttime().equals(resolved.state().starttime())) {
                reasons.add(Reason.RECYCLED_PID);
                recycled = true;
            }
        }

        // 2. invalid-createdAt | too-old
        Long ageMs = payload.createdAt() == null ? null : Math.max(0L, Duration.between(payload.createdAt(), now).toMillis());
        if (ageMs == null) {
            reasons.add(Reason.INVALID_CREATED_AT);
        } else if (ageMs > settings.staleAfter().toMillis()) {
            reasons.add(Reason.TOO_OLD);
        }

        // 3. hold-exceeded, then non-openclaw-owner
        if (ageMs != null && payload.maxHoldMs() != null && payload.maxHoldMs() > 0 && ageMs > payload.maxHoldMs()) {
            reasons.add(Reason.HOLD_EXCEEDED);
        }
        boolean holderAlive = resolved != null && resolved.alive() && !recycled;
        if (holderAlive && resolved.state().argv() != null && !OpenClawCommand.isOpenClaw(resolved.state().argv())) {
            reasons.add(Reason.NON_OPENCLAW_OWNER);
        }

        Boolean holdsOpen = holderAlive ? holdsOpen(probe, resolved.hostPid(), content.identity()) : null;
        Holder holder = resolved == null ? Holder.NONE : holder(resolved, holdsOpen);

        // 4. stale when any OpenClaw reason applies
        if (!reasons.isEmpty()) {
            return staleReport(path, root, content, payload, now, holder, reasons);
        }
        return beyondOpenClaw(path, root, content, payload, now, holder, gateway);
    }

    private LockReport staleReport(Path path, Path root, LockRead.Content content, LockPayload payload, Instant now,
                                   Holder holder, List<Reason> reasons) {
        boolean removable = true;
        String note = null;
        if (Boolean.TRUE.equals(holder.holdsOpen())) {
            removable = false;
            note = NOTE_HELD_OPEN;
        } else if (reasons.stream().allMatch(Reason::reportOnly)) {
            removable = false;
        } else if (reasons.stream().allMatch(Reason::payloadOnly)
                && Duration.between(content.modified(), now).compareTo(settings.staleAfter()) <= 0) {
            removable = false;
            note = NOTE_RECENT_PAYLOAD;
        }
        return report(path, root, content, payload, now, holder, Verdict.STALE, reasons, removable, note);
    }

    private LockReport beyondOpenClaw(Path path, Path root, LockRead.Content content, LockPayload payload, Instant now,
                                      Holder holder, GatewayContext gateway) {
        List<Reason> reasons = new ArrayList<>();
        boolean heldOpen = Boolean.TRUE.equals(holder.holdsOpen());
        if (Boolean.FALSE.equals(holder.holdsOpen())) {
            reasons.add(Reason.NOT_HELD_OPEN);
        }
        Instant restartedAt = gateway == null ? null : gateway.restartedAt(holder.hostPid());
        boolean predatesRestart = restartedAt != null && payload.createdAt().isBefore(restartedAt);
        if (predatesRestart && !heldOpen) {
            reasons.add(Reason.PREDATES_GATEWAY_RESTART);
        }
        if (!reasons.isEmpty()) {
            return report(path, root, content, payload, now, holder, Verdict.ORPHANED, reasons, true, null);
        }
        String note = predatesRestart ? NOTE_HELD_OVER_RESTART : null;
        return report(path, root, content, payload, now, holder, Verdict.LIVE, List.of(), false, note);
    }

    private static Boolean holdsOpen(ProcessProbe probe, Long hostPid, FileIdentity identity) {
        return hostPid == null || identity == null ? null : heldOpen(probe.openFiles(hostPid), identity);
    }

    /** Whether a holder with these open files holds the lock open; null when either is unknown. */
    static Boolean heldOpen(Set<FileIdentity> open, FileIdentity identity) {
        return open == null || identity == null ? null : open.contains(identity);
    }

    /**
     * When time alone can next change what this judge says of {@code report}: the instants its rules compare
     * with the clock (createdAt + stale threshold: too-old; createdAt + maxHoldMs: hold-exceeded; mtime + stale
     * threshold: the recent-payload note), the first one not before the report's judgement, a millisecond early,
     * in epoch ms; Long.MAX_VALUE when none lies ahead. Keep it beside the rules it mirrors.
     */
    public long nextTimeChangeMs(LockReport report) {
        long judgedAt = report.judgedAt().toEpochMilli();
        long next = Long.MAX_VALUE;
        Instant created = report.payload().createdAt();
        Long maxHold = report.payload().maxHoldMs();
        for (Instant t : new Instant[] {
                created == null ? null : created.plus(settings.staleAfter()),
                created == null || maxHold == null ? null : created.plusMillis(maxHold),
                report.modified() == null ? null : report.modified().plus(settings.staleAfter())}) {
            if (t != null) {
                long ms = t.toEpochMilli() - 1;
                if (ms >= judgedAt) {
                    next = Math.min(next, ms);
                }
            }
        }
        return next;
    }

    private static Holder holder(ResolvedHolder resolved, Boolean holdsOpen) {
        if (!resolved.alive()) {
            return Holder.NONE;
        }
        String namespace = resolved.kind() == ResolvedHolder.Kind.NESTED ? "nested" : "same";
        return new Holder(true, resolved.hostPid(), namespace, resolved.state().starttime(), resolved.state().command(),
                holdsOpen, resolved.state().uid());
    }

    private static LockReport report(Path path, Path root, LockRead.Content content, LockPayload payload, Instant now,
                                     Holder holder, Verdict verdict, List<Reason> reasons, boolean removable, String note) {
        return new LockReport(path, root, payload, content.bytes(), content.modified(), content.identity(), now, holder, verdict, reasons,
                removable, note, null);
    }
}
