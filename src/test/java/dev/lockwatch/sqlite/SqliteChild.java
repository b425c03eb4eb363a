package dev.lockwatch.sqlite;

import dev.lockwatch.testing.OpenClawDbs;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * A child JVM playing the gateway. {@code wal-writer <db> <ms>}: loops BEGIN IMMEDIATE / insert / COMMIT and
 * {@code PRAGMA wal_checkpoint(TRUNCATE)} with busy_timeout 0, then prints {@code done <commits> <busyErrors>
 * <checkpoints> <busyCheckpoints> <longestBusyRun> <finalCheckpointBusy>} and closes once stdin closes.
 * {@code hold-exclusive <db>}: takes BEGIN EXCLUSIVE, prints {@code ready}, and holds it until stdin closes.
 */
public final class SqliteChild {
    public static void main(String[] args) throws Exception {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setBusyTimeout(0);
        try (Connection c = cfg.createConnection("jdbc:sqlite:" + args[1]); Statement st = c.createStatement()) {
            if (args[0].equals("hold-exclusive")) {
                st.execute("PRAGMA journal_mode=DELETE");
                c.setAutoCommit(false);
                st.execute("SELECT 1");
                OpenClawDbs.exec(c, "COMMIT; BEGIN EXCLUSIVE;");
                System.out.println("ready");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // hold until the parent closes our stdin (or kills us)
                }
                return;
            }
            long end = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000L;
            long commits = 0;
            long busy = 0;
            long checkpoints = 0;
            long busyCheckpoints = 0;
            long run = 0;
            long maxRun = 0;
            System.out.println("ready");
            System.out.flush();
            while (System.nanoTime() < end) {
                try {
                    OpenClawDbs.exec(c, "BEGIN IMMEDIATE; INSERT INTO state_leases VALUES ('w', '" + commits
                            + "', 'o', NULL, NULL, NULL, 1, 1); COMMIT;");
                    commits++;
                } catch (SQLException e) {
                    busy++;
                    OpenClawDbs.exec(c, "ROLLBACK;");
                }
                try (ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                    rs.next();
                    checkpoints++;
                    if (rs.getInt(1) != 0) {
                        busyCheckpoints++;
                        maxRun = Math.max(maxRun, ++run);
                    } else {
                        run = 0;
                    }
                }
                Thread.sleep(5);
            }
            try (ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                rs.next();
                System.out.println("done " + commits + " " + busy + " " + checkpoints + " " + busyCheckpoints + " " + maxRun
                        + " " + rs.getInt(1));
                System.out.flush();
            }
            while (System.in.read() >= 0) {
                // keep the connection until the parent has stopped reading, so its close is the last one
            }
        }
    }
}
