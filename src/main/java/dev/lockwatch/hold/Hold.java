package dev.lockwatch.hold;

import dev.lockwatch.lock.Holder;
import dev.lockwatch.lock.Verdict;
import java.nio.file.Path;
import java.util.List;

/**
 * Something that holds or blocks a gateway or its sessions, judged: a lock file, a gateway lock, a lease row,
 * an agent-DB lease row or a session row. Immutable; {@code equals} says the same about the same thing (no
 * judging instant inside, so a re-judge that only moves time forward is equal). The store keys holds by
 * {@link #id()}.
 */
public sealed interface Hold permits LockFileHold, GatewayLockHold, LeaseHold, DbLeaseHold, SessionHold {
    HoldKind kind();

    /** Unique among every hold of every kind: the kind's word, the file and the row's key. */
    String id();

    /** The file the hold lives in: the lock file, the gateway lock, or the database. */
    Path location();

    /** The process behind it as found on this host ({@link Holder#NONE} when none or not applicable). */
    Holder holder();

    Verdict verdict();

    /** Why, as the words scripts see: OpenClaw's first, in its order, then Lockwatch's own. */
    List<String> reasons();

    boolean removable();

    /** A sentence for the operator, null when none. */
    String note();
}
