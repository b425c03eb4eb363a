package dev.lockwatch.cli;

import dev.lockwatch.hold.Hold;
import dev.lockwatch.hold.HoldReason;
import dev.lockwatch.hold.LeaseHold;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.source.StateDirHolds;
import java.util.List;

/** Which 2026.8+ findings make {@code scan} exit 1: anything not live, but an expired generic lease is inert. */
final class HoldVerdicts {
    private HoldVerdicts() {
    }

    static boolean allFine(StateDirHolds stateDir) {
        return stateDir.holds().stream().allMatch(HoldVerdicts::fine)
                && stateDir.databases().stream().allMatch(db -> db.facts().readable());
    }

    static boolean fine(Hold hold) {
        return hold.verdict() == Verdict.LIVE
                || hold instanceof LeaseHold l && l.owner() == null && l.why().equals(List.of(HoldReason.EXPIRED));
    }
}
