package dev.lockwatch.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import org.sqlite.SQLiteConnection;

/**
 * OpenClaw databases for tests, built from the DDL the real gateways create ({@code ../shared/openclaw-schemas/},
 * read at test time), written with sqlite-jdbc as a gateway would. Test code only: the product opens SQLite
 * read-only, in its sqlite package.
 */
public final class OpenClawDbs {
    public static final Path SCHEMAS = Path.of("..", "shared", "openclaw-schemas");

    private OpenClawDbs() {
    }

    /** Creates {@code db} from {@code schemaFile} (e.g. {@code state-schema-2026.9.6.sql}) and runs {@code sql} in it. */
    public static void create(Path db, String schemaFile, boolean wal, String... sql) throws IOException, SQLException {
        Files.createDirectories(db.getParent());
        try (Connection c = open(db)) {
            exec(c, "PRAGMA journal_mode=" + (wal ? "WAL" : "DELETE"));
            exec(c, Files.readString(SCHEMAS.resolve(schemaFile), StandardCharsets.UTF_8));
            for (String statement : sql) {
                exec(c, statement);
            }
        }
    }

    /** Runs statements against an existing DB, as its writer. */
    public static void write(Path db, String... sql) throws SQLException {
        try (Connection c = open(db)) {
            for (String statement : sql) {
                exec(c, statement);
            }
        }
    }

    public static Connection open(Path db) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
    }

    /** Creates a database with OpenClaw's DDL of {@code appVersion} and its schema_meta row; returns an open connection. */
    public static Connection create(Path db, String kind, String appVersion, boolean wal, int schemaVersion) throws Exception {
        Connection c = open(db);
        exec(c, "PRAGMA journal_mode=" + (wal ? "WAL" : "DELETE"));
        exec(c, Files.readString(SCHEMAS.resolve(kind + "-schema-" + appVersion + ".sql"), StandardCharsets.UTF_8));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_meta(meta_key, role, schema_version, agent_id,"
                + " app_version, created_at, updated_at) VALUES ('primary', ?, ?, ?, ?, 1, 2)")) {
            ps.setString(1, kind.equals("state") ? "global" : "agent");
            ps.setInt(2, schemaVersion);
            ps.setString(3, kind.equals("state") ? null : "main");
            ps.setString(4, appVersion);
            ps.executeUpdate();
        }
        return c;
    }

    /** Runs a whole script (several statements, triggers included) through sqlite3_exec. */
    public static void exec(Connection c, String script) throws SQLException {
        int rc = ((SQLiteConnection) c).getDatabase()._exec(script);
        if (rc != 0) {
            throw new SQLException("script failed with SQLite code " + rc);
        }
    }

    public static void insert(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    public static String sha256(Path f) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
