package dev.lockwatch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

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
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("PRAGMA journal_mode=" + (wal ? "WAL" : "DELETE"));
            s.executeUpdate(Files.readString(SCHEMAS.resolve(schemaFile)));
            for (String statement : sql) {
                s.executeUpdate(statement);
            }
        }
    }

    /** Runs statements against an existing DB, as its writer. */
    public static void write(Path db, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.executeUpdate(statement);
            }
        }
    }
}
