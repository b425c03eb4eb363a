package dev.lockwatch.sqlite;

import dev.lockwatch.hold.AgentDbRead;
import dev.lockwatch.hold.DatabaseFacts;
import dev.lockwatch.hold.DbKind;
import dev.lockwatch.hold.SessionRow;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reads the session rows that can hold or block from one agent DB, in one short read-only transaction. For privacy
 * it reads only {@code schema_meta} and five columns of {@code session_nodes}, and {@code entryJson} is built in
 * SQL from just the run and recovery keys of {@code entry_json} (absent keys stay absent; {@code null} when
 * {@code entry_json} is not a JSON object). A row is returned when {@code status='running'} or one of
 * {@code lifecycleRunId}, {@code mainRestartRecovery}, {@code restartRecoveryRuns} is set (non-null, and for
 * {@code restartRecoveryRuns} not an empty array). Never throws for a bad file. Stateless: safe from several threads.
 */
public final class AgentDbReader {
    /** The newest agent schema Lockwatch knows (2026.9.6). */
    public static final int KNOWN_SCHEMA = 23;

    private static final String KEYS = "'lifecycleRunId','activeWriterRunId','lastRunId','abortedLastRun',"
            + "'mainRestartRecovery','restartRecoveryRuns'";
    private static final String IS_OBJECT = "json_valid(entry_json) AND json_type(entry_json) = 'object'";
    private static final String SQL = "SELECT session_key, current_session_id, status, updated_at,"
            + " CASE WHEN " + IS_OBJECT + " THEN (SELECT json_group_object(key, entry_json -> fullkey) FROM json_each(entry_json)"
            + " WHERE key IN (" + KEYS + ")) END"
            + " FROM session_nodes WHERE status = 'running' OR (CASE WHEN " + IS_OBJECT + " THEN"
            + " COALESCE(json_type(entry_json, '$.lifecycleRunId'), 'null') <> 'null'"
            + " OR COALESCE(json_type(entry_json, '$.mainRestartRecovery'), 'null') <> 'null'"
            + " OR (COALESCE(json_type(entry_json, '$.restartRecoveryRuns'), 'null') NOT IN ('null', 'array')"
            + "     OR json_array_length(entry_json, '$.restartRecoveryRuns') > 0)"
            + " ELSE 0 END) ORDER BY session_key";

    private final SafeOpen open;

    public AgentDbReader() {
        this(new SafeOpen());
    }

    public AgentDbReader(SafeOpen open) {
        this.open = open;
    }

    public AgentDbRead read(Path db, String agentId) {
        try {
            return open.read(db, (c, via) -> {
                Set<String> t = Sql.tables(c);
                DatabaseFacts facts = Sql.facts(c, t, db, DbKind.AGENT, KNOWN_SCHEMA, via);
                List<SessionRow> rows = Sql.rows(c, t, "session_nodes", SQL, rs -> new SessionRow(rs.getString(1),
                        rs.getString(2), rs.getString(3), Sql.lng(rs, 4), rs.getString(5)));
                return new AgentDbRead(facts, agentId, rows);
            });
        } catch (DbReadException e) {
            return new AgentDbRead(DatabaseFacts.failed(db, DbKind.AGENT, e.getMessage()), agentId, List.of());
        }
    }
}
