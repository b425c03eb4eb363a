package dev.lockwatch.hold;

import dev.lockwatch.lock.Holder;
import dev.lockwatch.lock.Verdict;
import java.nio.file.Path;
import java.util.List;

/**
 * One session row of an agent DB that is running or carries recovery fields, judged. Its holder is the
 * gateway that owns the state dir, when one is alive ({@link Holder#NONE} otherwise).
 *
 * @param db      the agent DB
 * @param agentId the agent (from the state DB's {@code agent_databases}, else the {@code agents/<id>/} directory)
 * @param row     the row with {@code entryJson} dropped (never kept: it may carry content)
 * @param entry   the run and recovery fields of {@code entry_json}
 */
public record SessionHold(Path db, String agentId, SessionRow row, SessionEntry entry, Holder holder, Verdict verdict,
                          List<HoldReason> why, String note) implements Hold {
    public SessionHold {
        why = List.copyOf(why);
        row = new SessionRow(row.sessionKey(), row.sessionId(), row.status(), row.updatedAt(), null);
    }

    public static String idOf(Path db, String sessionKey) {
        return HoldKind.SESSION.word() + ":" + db + "#" + sessionKey;
    }

    @Override
    public HoldKind kind() {
        return HoldKind.SESSION;
    }

    @Override
    public String id() {
        return idOf(db, row.sessionKey());
    }

    @Override
    public Path location() {
        return db;
    }

    @Override
    public List<String> reasons() {
        return HoldReason.words(why);
    }

    /** Never: Lockwatch does not write session rows; the gateway's own verbs do. */
    @Override
    public boolean removable() {
        return false;
    }
}
