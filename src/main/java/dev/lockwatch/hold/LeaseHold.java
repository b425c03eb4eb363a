package dev.lockwatch.hold;

import dev.lockwatch.lock.Holder;
import dev.lockwatch.lock.Verdict;
import java.nio.file.Path;
import java.util.List;

/**
 * One {@code state_leases} row, judged.
 *
 * @param db      the state DB it was read from
 * @param row     the row as stored
 * @param owner   the payload's owner for process-owner leases, null for generic ones (payload NULL) and junk payloads
 * @param holder  the owner's process on this host, {@link Holder#NONE} when none was found or it has no owner
 */
public record LeaseHold(Path db, LeaseRow row, LeaseOwner owner, Holder holder, Verdict verdict, List<HoldReason> why,
                        boolean removable, String note) implements Hold {
    public LeaseHold {
        why = List.copyOf(why);
    }

    public static String idOf(Path db, String scope, String leaseKey) {
        return HoldKind.STATE_LEASE.word() + ":" + db + "#" + scope + "/" + leaseKey;
    }

    @Override
    public HoldKind kind() {
        return HoldKind.STATE_LEASE;
    }

    @Override
    public String id() {
        return idOf(db, row.scope(), row.leaseKey());
    }

    @Override
    public Path location() {
        return db;
    }

    @Override
    public List<String> reasons() {
        return HoldReason.words(why);
    }
}
