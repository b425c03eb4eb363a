package dev.lockwatch.cli;

import dev.lockwatch.hold.DbLeaseHold;
import dev.lockwatch.hold.GatewayLockHold;
import dev.lockwatch.hold.Hold;
import dev.lockwatch.hold.HoldKind;
import dev.lockwatch.hold.LeaseHold;
import dev.lockwatch.hold.SessionHold;
import dev.lockwatch.source.DatabaseStatus;
import dev.lockwatch.source.StateDirHolds;
import java.util.List;

/** The 2026.8+ sections of {@code scan}'s text output: one per kind, then the databases. */
final class HoldTable {
    private HoldTable() {
    }

    static String render(List<StateDirHolds> stateDirs) {
        StringBuilder out = new StringBuilder();
        List<Hold> holds = stateDirs.stream().flatMap(s -> s.holds().stream()).toList();
        for (HoldKind kind : List.of(HoldKind.GATEWAY_LOCK, HoldKind.STATE_LEASE, HoldKind.DB_LEASE, HoldKind.SESSION)) {
            List<Hold> ofKind = holds.stream().filter(h -> h.kind() == kind).toList();
            if (ofKind.isEmpty()) {
                continue;
            }
            out.append('\n').append(title(kind)).append('\n');
            for (Hold hold : ofKind) {
                out.append(String.format("  %-48s %-11s %s%n", SafeText.terminal(what(hold)), hold.verdict().word(),
                        hold.reasons().isEmpty() ? "-" : String.join(",", hold.reasons())));
            }
        }
        List<DatabaseStatus> dbs = stateDirs.stream().flatMap(s -> s.databases().stream()).toList();
        if (!dbs.isEmpty()) {
            out.append("\nDatabases\n");
            for (DatabaseStatus db : dbs) {
                out.append("  ").append(SafeText.terminal(db.facts().path().toString())).append("  ").append(health(db)).append('\n');
            }
        }
        if (stateDirs.stream().anyMatch(StateDirHolds::sqliteEra) && holds.stream().noneMatch(h -> h.kind() != HoldKind.GATEWAY_LOCK)) {
            out.append("gateway idle: no leases held\n");
        }
        return out.toString();
    }

    private static String title(HoldKind kind) {
        return switch (kind) {
            case GATEWAY_LOCK -> "Gateway locks";
            case STATE_LEASE -> "Leases (state_leases)";
            case DB_LEASE -> "Agent database leases";
            case SESSION -> "Sessions";
            case LOCK_FILE -> "Session locks";
        };
    }

    private static String what(Hold hold) {
        if (hold instanceof GatewayLockHold g) {
            return g.info().lockPath().getFileName() + " pid " + g.info().pid() + (g.info().role() == null ? "" : " " + g.info().role());
        } else if (hold instanceof LeaseHold l) {
            return l.row().scope() + "/" + l.row().leaseKey() + (l.owner() == null || l.owner().pid() == null ? "" : " pid " + l.owner().pid());
        } else if (hold instanceof DbLeaseHold d) {
            return d.row().agentId() + " pid " + d.row().ownerPid();
        } else if (hold instanceof SessionHold s) {
            return s.row().sessionKey() + " " + s.row().status();
        }
        return hold.id();
    }

    private static String health(DatabaseStatus db) {
        if (db.facts().error() != null) {
            return "error: " + SafeText.terminal(db.facts().error());
        }
        String version = db.facts().appVersion() == null ? "app version unknown" : SafeText.terminal(db.facts().appVersion());
        String schema = db.facts().schemaVersion() == null ? "no schema_meta row" : "schema " + db.facts().schemaVersion();
        return version + ", " + schema + (db.facts().unknownSchema() ? " (newer than Lockwatch knows)" : "")
                + ", " + db.facts().journalMode() + (db.facts().walBytes() == null ? "" : ", wal " + db.facts().walBytes() + " bytes")
                + (db.walWarning() ? " (over 64 MiB: the gateway truncates above that)" : "")
                + (db.lockHolders().isEmpty() ? "" : ", locks held by " + db.lockHolders())
                + (db.writeLockHolder() == null ? "" : ", writing: " + db.writeLockHolder());
    }
}
