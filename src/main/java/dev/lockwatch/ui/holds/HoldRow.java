package dev.lockwatch.ui.holds;

import dev.lockwatch.hold.DbLeaseHold;
import dev.lockwatch.hold.GatewayLockHold;
import dev.lockwatch.hold.Hold;
import dev.lockwatch.hold.LeaseHold;
import dev.lockwatch.hold.SessionHold;
import dev.lockwatch.lock.Verdict;

/**
 * One 2026.8+ hold as the table shows it: every text decided here, off the cells (cells only display).
 *
 * @param what  what is held: the lease's scope/key, the session key, the agent of a DB lease, the gateway lock's file
 * @param pid   the owner's pid as recorded, empty when none
 */
public record HoldRow(String id, String kind, String what, String pid, Verdict verdict, String reasons, String note) {

    static HoldRow of(Hold hold) {
        return new HoldRow(hold.id(), kindWord(hold), what(hold), pid(hold), hold.verdict(),
                hold.reasons().isEmpty() ? "" : String.join(", ", hold.reasons()), hold.note() == null ? "" : hold.note());
    }

    private static String kindWord(Hold hold) {
        return switch (hold.kind()) {
            case GATEWAY_LOCK -> "gateway lock";
            case STATE_LEASE -> "lease";
            case DB_LEASE -> "DB lease";
            case SESSION -> "session";
            case LOCK_FILE -> "lock file";
        };
    }

    private static String what(Hold hold) {
        if (hold instanceof LeaseHold l) {
            return l.row().scope() + " / " + l.row().leaseKey();
        } else if (hold instanceof SessionHold s) {
            return s.row().sessionKey() + " (" + (s.row().status() == null ? "no status" : s.row().status()) + ")";
        } else if (hold instanceof DbLeaseHold d) {
            return d.row().agentId() + ": " + d.row().path();
        } else if (hold instanceof GatewayLockHold g) {
            return g.info().lockPath().getFileName() + (g.info().role() == null ? "" : " (" + g.info().role() + ")");
        }
        return hold.location().toString();
    }

    private static String pid(Hold hold) {
        Long pid = null;
        if (hold instanceof LeaseHold l && l.owner() != null) {
            pid = l.owner().pid();
        } else if (hold instanceof DbLeaseHold d) {
            pid = d.row().ownerPid();
        } else if (hold instanceof GatewayLockHold g) {
            pid = g.info().pid();
        } else if (hold instanceof SessionHold s) {
            pid = s.holder().hostPid();
        }
        return pid == null ? "" : pid.toString();
    }
}
