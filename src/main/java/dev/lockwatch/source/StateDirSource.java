package dev.lockwatch.source;

import dev.lockwatch.gateway.GatewayDiscovery;
import dev.lockwatch.gateway.GatewayInfo;
import dev.lockwatch.hold.AgentDbRead;
import dev.lockwatch.hold.DatabaseFacts;
import dev.lockwatch.hold.DbLeaseJudge;
import dev.lockwatch.hold.DbLeaseRow;
import dev.lockwatch.hold.GatewayLockJudge;
import dev.lockwatch.hold.Hold;
import dev.lockwatch.hold.HoldContext;
import dev.lockwatch.hold.LeaseJudge;
import dev.lockwatch.hold.LeaseRow;
import dev.lockwatch.hold.SessionJudge;
import dev.lockwatch.hold.SessionRow;
import dev.lockwatch.hold.StateDbRead;
import dev.lockwatch.process.FileIdentity;
import dev.lockwatch.process.ProcLocks;
import dev.lockwatch.process.ProcessProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads and judges everything that holds or blocks one 2026.8+ state dir: its gateway locks (with whether the
 * {@code .lock.sqlite} coordinator is held, from {@code /proc/locks}), the state DB's lease and agent-DB lease
 * rows, and the running or recovering sessions of every agent DB. One process snapshot and one read of
 * {@code /proc/locks} per call. A state dir without {@code state/openclaw.sqlite} is not of the SQLite era:
 * nothing is read. Thread-safe when its parts are; each call does its own short reads.
 */
public final class StateDirSource {
    public static final String STATE_DB = "state/openclaw.sqlite";

    private final DbReaders readers;
    private final ProcessProbe probe;
    private final Clock clock;
    private final Duration staleAfter;
    private final Supplier<String> hostname;
    private final Supplier<ProcLocks> procLocks;

    public StateDirSource(DbReaders readers, ProcessProbe probe, Clock clock, Duration staleAfter, Supplier<String> hostname,
                          Supplier<ProcLocks> procLocks) {
        this.readers = readers;
        this.probe = probe;
        this.clock = clock;
        this.staleAfter = staleAfter;
        this.hostname = hostname;
        this.procLocks = procLocks;
    }

    public StateDirHolds read(Path stateDir) {
        Path stateDb = stateDir.resolve(STATE_DB);
        if (!Files.exists(stateDb, LinkOption.NOFOLLOW_LINKS)) {
            return StateDirHolds.none(stateDir);
        }
        ProcessProbe snapshot = probe.snapshot();
        ProcLocks locks = procLocks.get();
        List<GatewayInfo> gateways = GatewayDiscovery.find(Optional.of(stateDir), Optional.empty(), snapshot);
        HoldContext ctx = new HoldContext(clock.instant(), hostname.get(), snapshot, staleAfter, gateways);
        List<Hold> holds = new ArrayList<>();
        List<DatabaseStatus> databases = new ArrayList<>();
        for (GatewayInfo gateway : gateways) {
            holds.add(GatewayLockJudge.judge(gateway, coordinatorHeld(gateway, locks), ctx));
        }
        StateDbRead state = readers.readState(stateDb);
        databases.add(status(state.facts(), locks));
        for (LeaseRow row : state.leases()) {
            holds.add(LeaseJudge.judge(stateDb, row, ctx));
        }
        for (DbLeaseRow row : state.dbLeases()) {
            Path agentDb = row.path() == null ? null : stateDir.resolve(row.path()).normalize();
            holds.add(DbLeaseJudge.judge(stateDb, agentDb, identity(agentDb), row, ctx));
        }
        if (state.facts().readable()) {
            for (DbReaders.AgentDb agent : readers.agentDbs(stateDir, state)) {
                AgentDbRead read = readers.readAgent(agent.path(), agent.agentId());
                databases.add(status(read.facts(), locks));
                for (SessionRow row : read.sessions()) {
                    holds.add(SessionJudge.judge(agent.path(), agent.agentId(), row, ctx));
                }
            }
        }
        return new StateDirHolds(stateDir, true, holds, databases);
    }

    private static Boolean coordinatorHeld(GatewayInfo gateway, ProcLocks locks) {
        FileIdentity coordinator = identity(gateway.lockPath().resolveSibling(gateway.lockPath().getFileName() + ".sqlite"));
        if (coordinator == null || locks == null || gateway.hostPid() == null) {
            return null;
        }
        Long holder = locks.coordinatorHolder(coordinator);
        return holder != null && holder.equals(gateway.hostPid());
    }

    private static DatabaseStatus status(DatabaseFacts facts, ProcLocks locks) {
        boolean walWarning = facts.walBytes() != null && facts.walBytes() > DatabaseStatus.WAL_WARNING_BYTES;
        FileIdentity db = identity(facts.path());
        if (locks == null || db == null) {
            return new DatabaseStatus(facts, List.of(), null, walWarning);
        }
        boolean wal = "wal".equalsIgnoreCase(facts.journalMode());
        FileIdentity shm = wal ? identity(Path.of(facts.path() + "-shm")) : null;
        List<Long> holders = new ArrayList<>(locks.holders(db));
        if (shm != null) {
            locks.holders(shm).stream().filter(p -> !holders.contains(p)).forEach(holders::add);
        }
        holders.sort(null);
        return new DatabaseStatus(facts, holders, locks.writeLockHolder(db, shm), walWarning);
    }

    private static FileIdentity identity(Path path) {
        if (path == null) {
            return null;
        }
        try {
            return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) ? FileIdentity.of(path, LinkOption.NOFOLLOW_LINKS) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
