package dev.lockwatch.hold;

import dev.lockwatch.lock.Holder;
import dev.lockwatch.lock.Verdict;
import java.nio.file.Path;
import java.util.List;

/**
 * One {@code agent_database_leases} row, judged.
 *
 * @param db     the state DB it was read from
 * @param row    the row as stored
 * @param holder the owner process as found on this host ({@code holdsOpen}: whether it has the agent DB file open)
 */
public record DbLeaseHold(Path db, DbLeaseRow row, Holder holder, Verdict verdict, List<HoldReason> why, boolean removable,
                          String note) implements Hold {
    public DbLeaseHold {
        why = List.copyOf(why);
    }

    public static String idOf(Path db, String leaseId) {
        return HoldKind.DB_LEASE.word() + ":" + db + "#" + leaseId;
    }

    @Override
    public HoldKind kind() {
        return HoldKind.DB_LEASE;
    }

    @Override
    public String id() {
        return idOf(db, row.leaseId());
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
