package dev.lockwatch.sqlite;

import static dev.lockwatch.sqlite.Sql.lng;

import dev.lockwatch.hold.AgentDbRow;
import dev.lockwatch.hold.BootRow;
import dev.lockwatch.hold.DatabaseFacts;
import dev.lockwatch.hold.DbKind;
import dev.lockwatch.hold.DbLeaseRow;
import dev.lockwatch.hold.LeaseRow;
import dev.lockwatch.hold.StateDbRead;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads the shared state DB ({@code state/openclaw.sqlite}) in one short read-only transaction. Never throws for a
 * bad file: the error is in {@link DatabaseFacts#error()}. Stateless: safe from several threads.
 */
public final class StateDbReader {
    /** The newest state schema Lockwatch knows (2026.9.6). */
    public static final int KNOWN_SCHEMA = 18;

    private final SafeOpen open;

    public StateDbReader() {
        this(new SafeOpen());
    }

    public StateDbReader(SafeOpen open) {
        this.open = open;
    }

    public StateDbRead read(Path db) {
        try {
            return open.read(db, (c, via) -> {
                Set<String> t = Sql.tables(c);
                DatabaseFacts facts = Sql.facts(c, t, db, DbKind.STATE, KNOWN_SCHEMA, via);
                return new StateDbRead(facts,
                        Sql.rows(c, t, "state_leases", "SELECT scope, lease_key, owner, expires_at, heartbeat_at, payload_json,"
                                + " created_at, updated_at FROM state_leases ORDER BY scope, lease_key",
                                rs -> new LeaseRow(rs.getString(1), rs.getString(2), rs.getString(3), lng(rs, 4), lng(rs, 5),
                                        rs.getString(6), lng(rs, 7), lng(rs, 8))),
                        Sql.rows(c, t, "agent_database_leases", "SELECT lease_id, agent_id, path, owner_pid, owner_start_time,"
                                + " opened_at FROM agent_database_leases ORDER BY lease_id",
                                rs -> new DbLeaseRow(rs.getString(1), rs.getString(2), rs.getString(3), lng(rs, 4), lng(rs, 5),
                                        lng(rs, 6))),
                        Sql.rows(c, t, "agent_databases", "SELECT agent_id, path, schema_version, last_seen_at"
                                + " FROM agent_databases ORDER BY agent_id, path",
                                rs -> new AgentDbRow(rs.getString(1), rs.getString(2), Sql.integer(rs, 3), lng(rs, 4))),
                        Sql.rows(c, t, "gateway_boot_lifecycle", "SELECT boot_id, pid, started_at_ms, completed_at_ms, outcome,"
                                + " startup_reason, reason FROM gateway_boot_lifecycle ORDER BY started_at_ms, boot_id",
                                rs -> new BootRow(rs.getString(1), lng(rs, 2), lng(rs, 3), lng(rs, 4), rs.getString(5),
                                        rs.getString(6), rs.getString(7))));
            });
        } catch (DbReadException e) {
            return StateDbRead.failed(DatabaseFacts.failed(db, DbKind.STATE, e.getMessage()));
        }
    }
}
