package dev.lockwatch.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Small JDBC helpers shared by the readers. */
final class Sql {
    private Sql() {
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** The schema row of a database: {@code schema_meta} where {@code meta_key='primary'} (all null when absent). */
    record Meta(Integer schemaVersion, String appVersion, String role, String journalMode) {
    }

    static Set<String> tables(Connection c) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type='table'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** What a read found out about the database file itself: versions, journal mode, WAL size, how it was read. */
    static dev.lockwatch.hold.DatabaseFacts facts(Connection c, Set<String> tables, java.nio.file.Path db,
                                                  dev.lockwatch.hold.DbKind kind, int knownSchema,
                                                  dev.lockwatch.hold.DatabaseFacts.ReadVia via) throws SQLException {
        Meta m = meta(c, tables);
        return new dev.lockwatch.hold.DatabaseFacts(db, kind, m.schemaVersion(), m.appVersion(), m.role(), m.journalMode(),
                FileCheck.regularSize(SafeOpen.sibling(db, "-wal")), via, m.schemaVersion() != null && m.schemaVersion() > knownSchema, null);
    }

    static Meta meta(Connection c, Set<String> tables) throws SQLException {
        String journal;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
            journal = rs.next() ? rs.getString(1) : null;
        }
        if (!tables.contains("schema_meta")) {
            return new Meta(null, null, null, journal);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT schema_version, app_version, role FROM schema_meta WHERE meta_key='primary'");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return new Meta(null, null, null, journal);
            }
            Long v = lng(rs, 1);
            return new Meta(v == null ? null : v.intValue(), rs.getString(2), rs.getString(3), journal);
        }
    }

    /** Rows of {@code sql} when {@code table} exists, else an empty list. */
    static <T> List<T> rows(Connection c, Set<String> tables, String table, String sql, RowMapper<T> mapper) throws SQLException {
        List<T> out = new ArrayList<>();
        if (!tables.contains(table)) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
        }
        return out;
    }

    static Long lng(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    static Integer integer(ResultSet rs, int col) throws SQLException {
        Long v = lng(rs, col);
        return v == null ? null : v.intValue();
    }
}
