package dev.lockwatch.hold;

import dev.lockwatch.lock.Holder;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.process.FileIdentity;
import dev.lockwatch.process.HolderResolver;
import dev.lockwatch.process.ResolvedHolder;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Judges one {@code agent_database_leases} row (openclaw-sqlite-era.md, "agent_database_leases"). OpenClaw's rule
 * first: stale when the owner pid is definitely dead, or both start times are known and differ ({@code doctor --fix}
 * deletes those; 2026.9.6 purges them when it opens that DB). Then Lockwatch's: an owner that lives but has no
 * descriptor on the agent DB file holds nothing. That row is orphaned but left to OpenClaw (only dead-owner rows are
 * removable). With a NULL start time it is the trap OpenClaw can never clear. The owner is looked for through pid
 * namespaces (a gateway in a container records its container pid). Pure: the row, the given identity and
 * {@link HoldContext} only.
 */
public final class DbLeaseJudge {
    public static final String NOTE_DEAD_OWNER = "its owner process is gone: openclaw doctor --fix deletes it, and 2026.9.6"
            + " purges it when it next opens that database";

    private DbLeaseJudge() {
    }

    /**
     * @param stateDb         the state DB the row was read from
     * @param agentDbFile     the agent DB the row's path names, resolved against the state dir; null when unknown
     * @param agentDbIdentity that file's device and inode; null when unknown (then "held open" is not judged)
     */
    public static DbLeaseHold judge(Path stateDb, Path agentDbFile, FileIdentity agentDbIdentity, DbLeaseRow row,
                                    HoldContext ctx) {
        Long pid = row.ownerPid();
        if (pid == null || pid < 1) {
            return hold(stateDb, row, Holder.NONE, Verdict.UNRESOLVED, List.of(), false,
                    "it records no valid owner pid: OpenClaw can neither judge nor clear it");
        }
        ResolvedHolder resolved = HolderResolver.resolve(BigInteger.valueOf(pid), row.ownerStartTime(), ctx.probe());
        if (resolved.kind() == ResolvedHolder.Kind.AMBIGUOUS) {
            return hold(stateDb, row, Holder.NONE, Verdict.UNRESOLVED, List.of(), false, "processes in several pid"
                    + " namespaces carry pid " + pid + " and the row records no start time to tell them apart");
        }
        // OpenClaw's rule: dead, or both start times known and different
        Long seen = resolved.state().starttime();
        if (!resolved.alive() || row.ownerStartTime() != null && seen != null && !row.ownerStartTime().equals(seen)) {
            return hold(stateDb, row, Holder.NONE, Verdict.STALE, List.of(HoldReason.DEAD_OWNER), true, NOTE_DEAD_OWNER);
        }
        Boolean holdsOpen = holdsOpen(ctx.probe().openFiles(resolved.hostPid()), agentDbIdentity);
        Holder holder = Holders.of(resolved, holdsOpen);
        if (Boolean.FALSE.equals(holdsOpen)) {
            return hold(stateDb, row, holder, Verdict.ORPHANED, List.of(HoldReason.NOT_HELD_OPEN), false,
                    notHeldOpenNote(pid, resolved.hostPid(), row.ownerStartTime() == null, agentDbFile));
        }
        String note = holdsOpen == null ? "whether pid " + resolved.hostPid() + " holds the agent database open cannot be"
                + " read here" : null;
        return hold(stateDb, row, holder, Verdict.LIVE, List.of(), false, note);
    }

    static Boolean holdsOpen(Set<FileIdentity> open, FileIdentity identity) {
        return open == null || identity == null ? null : open.contains(identity);
    }

    static String notHeldOpenNote(long pid, long hostPid, boolean noStartTime, Path agentDbFile) {
        String file = agentDbFile == null ? "the agent database" : agentDbFile.toString();
        if (noStartTime) {
            return "pid " + hostPid + " lives but does not hold " + file + " open, and the row records no start time:"
                    + " the trap OpenClaw can never clear (never stale while pid " + pid + " lives; doctor refuses forever:"
                    + " \"database is still open in process " + pid + "\")";
        }
        return "pid " + hostPid + " lives but does not hold " + file + " open: OpenClaw 2026.9.6 purges such rows itself"
                + " when it opens that database again";
    }

    private static DbLeaseHold hold(Path db, DbLeaseRow row, Holder holder, Verdict verdict, List<HoldReason> why,
                                    boolean removable, String note) {
        return new DbLeaseHold(db, row, holder, verdict, why, removable, note);
    }
}
