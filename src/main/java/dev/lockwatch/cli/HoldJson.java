package dev.lockwatch.cli;

import dev.lockwatch.hold.DbLeaseHold;
import dev.lockwatch.hold.GatewayLockHold;
import dev.lockwatch.hold.Hold;
import dev.lockwatch.hold.LeaseHold;
import dev.lockwatch.hold.SessionEntry;
import dev.lockwatch.hold.SessionHold;
import dev.lockwatch.source.DatabaseStatus;
import dev.lockwatch.source.StateDirHolds;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 2026.8+ objects of {@code scan --json} ({@code gateways}, {@code leases}, {@code sessions}, {@code databases})
 * and of {@code watch --json}; field names are a contract (README "2026.8 and later"). Times ISO-8601.
 */
final class HoldJson {
    private HoldJson() {
    }

    /** Adds the four 2026.8+ arrays to a scan document, beside {@code locks}. */
    static void addTo(Map<String, Object> doc, List<StateDirHolds> stateDirs, Instant now) {
        List<Hold> holds = stateDirs.stream().flatMap(s -> s.holds().stream()).toList();
        doc.put("gateways", holds.stream().filter(GatewayLockHold.class::isInstance).map(h -> gateway((GatewayLockHold) h)).toList());
        doc.put("leases", holds.stream().filter(h -> h instanceof LeaseHold || h instanceof DbLeaseHold).map(h -> lease(h, now)).toList());
        doc.put("sessions", holds.stream().filter(SessionHold.class::isInstance).map(h -> session((SessionHold) h)).toList());
        doc.put("databases", stateDirs.stream().flatMap(s -> s.databases().stream()).map(HoldJson::database).toList());
    }

    /** The key a hold's object goes under in {@code watch --json}. */
    static String family(Hold hold) {
        return hold instanceof GatewayLockHold ? "gateway" : hold instanceof SessionHold ? "session" : "lease";
    }

    /** The object {@code scan --json} lists for this hold. */
    static Map<String, Object> object(Hold hold, Instant now) {
        if (hold instanceof GatewayLockHold g) {
            return gateway(g);
        }
        return hold instanceof SessionHold s ? session(s) : lease(hold, now);
    }

    static Map<String, Object> gateway(GatewayLockHold hold) {
        Map<String, Object> json = GatewayCommand.json(hold.info());
        json.put("ownerId", hold.info().ownerId());
        json.put("role", hold.info().role());
        json.put("coordinatorHeld", hold.coordinatorHeld());
        verdict(json, hold);
        return json;
    }

    static Map<String, Object> lease(Hold hold, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (hold instanceof LeaseHold l) {
            json.put("db", l.db().toString());
            json.put("table", "state_leases");
            json.put("scope", l.row().scope());
            json.put("key", l.row().leaseKey());
            json.put("owner", l.row().owner());
            json.put("pid", l.owner() == null ? null : l.owner().pid());
            json.put("starttime", l.owner() == null ? null : l.owner().startedAt());
            json.put("createdAt", iso(l.row().createdAt()));
            json.put("heartbeatAt", iso(l.row().heartbeatAt()));
            json.put("expiresAt", iso(l.row().expiresAt()));
            json.put("expiresInMs", l.row().expiresAt() == null ? null : l.row().expiresAt() - now.toEpochMilli());
            Map<String, Object> holder = ScanJson.holder(l.holder());
            holder.put("host", l.owner() == null ? null : l.owner().host());
            json.put("holder", holder);
        } else if (hold instanceof DbLeaseHold d) {
            json.put("db", d.db().toString());
            json.put("table", "agent_database_leases");
            json.put("scope", d.row().agentId());
            json.put("key", d.row().path());
            json.put("owner", d.row().leaseId());
            json.put("pid", d.row().ownerPid());
            json.put("starttime", d.row().ownerStartTime());
            json.put("createdAt", iso(d.row().openedAt()));
            json.put("heartbeatAt", null);
            json.put("expiresAt", null);
            json.put("expiresInMs", null);
            Map<String, Object> holder = ScanJson.holder(d.holder());
            holder.put("host", null);
            json.put("holder", holder);
        }
        verdict(json, hold);
        json.put("removable", hold.removable());
        json.put("note", hold.note());
        return json;
    }

    static Map<String, Object> session(SessionHold hold) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("db", hold.db().toString());
        json.put("agent", hold.agentId());
        json.put("sessionKey", hold.row().sessionKey());
        json.put("sessionId", hold.row().sessionId());
        json.put("status", hold.row().status());
        json.put("updatedAt", iso(hold.row().updatedAt()));
        SessionEntry entry = hold.entry();
        json.put("runId", entry.lifecycleRunId());
        json.put("activeWriterRunId", entry.activeWriterRunId());
        json.put("recovery", entry.inRecovery() ? recovery(entry) : null);
        verdict(json, hold);
        json.put("note", hold.note());
        return json;
    }

    static Map<String, Object> database(DatabaseStatus status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("path", status.facts().path().toString());
        json.put("kind", status.facts().kind().word());
        json.put("schemaVersion", status.facts().schemaVersion());
        json.put("appVersion", status.facts().appVersion());
        json.put("journalMode", status.facts().journalMode());
        json.put("walBytes", status.facts().walBytes());
        json.put("readVia", status.facts().readVia() == null ? null : status.facts().readVia().word());
        json.put("lockHolders", status.lockHolders());
        json.put("writeLockHolder", status.writeLockHolder());
        json.put("error", status.facts().error());
        return json;
    }

    private static Map<String, Object> recovery(SessionEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("abortedLastRun", entry.abortedLastRun());
        json.put("lastRunId", entry.lastRunId());
        json.put("cycleId", entry.recovery() == null ? null : entry.recovery().cycleId());
        json.put("revision", entry.recovery() == null ? null : entry.recovery().revision());
        json.put("chargedAttempts", entry.recovery() == null ? null : entry.recovery().chargedAttempts());
        json.put("restartRecoveryRuns", entry.restartRecoveryRuns());
        return json;
    }

    private static void verdict(Map<String, Object> json, Hold hold) {
        json.put("verdict", hold.verdict().word());
        json.put("reasons", hold.reasons());
    }

    private static String iso(Long epochMs) {
        return epochMs == null ? null : Instant.ofEpochMilli(epochMs).toString();
    }
}
