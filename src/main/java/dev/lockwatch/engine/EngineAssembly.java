package dev.lockwatch.engine;

import dev.lockwatch.gateway.GatewayContextSource;
import dev.lockwatch.hold.Hostnames;
import dev.lockwatch.lock.Judge;
import dev.lockwatch.lock.JudgeSettings;
import dev.lockwatch.lock.LockScanner;
import dev.lockwatch.process.ProcLocks;
import dev.lockwatch.process.ProcessProbe;
import dev.lockwatch.process.ProcessProbes;
import dev.lockwatch.source.CachingDbReaders;
import dev.lockwatch.source.StateDirSource;
import dev.lockwatch.sqlite.SqliteDbReaders;
import dev.lockwatch.watch.LockStore;
import dev.lockwatch.watch.LockWatchService;
import dev.lockwatch.watch.WatchSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The one place the engine is built, for the window and every CLI command alike: the process probe, the judge
 * with its stale threshold, the scanner that always judges with the gateways of the watched roots in view
 * (so {@code predates-gateway-restart} is reported everywhere), and the watch service feeding a store.
 * Copies of this assembly in each command drifted before ({@code watch} judged without the gateways).
 *
 * <p>Immutable and thread-safe; the parts it builds carry their own contracts.
 */
public final class EngineAssembly {
    /** How long the CLI trusts one discovery of the gateways (a command runs briefly). */
    public static final Duration CLI_GATEWAY_TTL = Duration.ofSeconds(1);
    /** How long the window's watcher trusts one discovery (it asks on every file event). */
    public static final Duration WINDOW_GATEWAY_TTL = Duration.ofSeconds(2);

    private final ProcessProbe probe;
    private final Clock clock;
    private final Supplier<List<Path>> roots;
    private final Duration staleAfter;
    private final Duration gatewayTtl;

    public EngineAssembly(ProcessProbe probe, Clock clock, Supplier<List<Path>> roots, Duration staleAfter, Duration gatewayTtl) {
        this.probe = Objects.requireNonNull(probe);
        this.clock = Objects.requireNonNull(clock);
        this.roots = Objects.requireNonNull(roots);
        this.staleAfter = Objects.requireNonNull(staleAfter);
        this.gatewayTtl = Objects.requireNonNull(gatewayTtl);
    }

    /** The assembly a CLI command uses: this platform's probe, the system clock, fixed roots. */
    public static EngineAssembly forCli(List<Path> roots, Duration staleAfter) {
        List<Path> fixed = List.copyOf(roots);
        return new EngineAssembly(ProcessProbes.forThisPlatform(), Clock.systemUTC(), () -> fixed, staleAfter, CLI_GATEWAY_TTL);
    }

    public ProcessProbe probe() {
        return probe;
    }

    public Clock clock() {
        return clock;
    }

    public Duration staleAfter() {
        return staleAfter;
    }

    /** A scanner judging with this threshold and the gateways of the roots in view. */
    public LockScanner scanner() {
        return new LockScanner(probe, new Judge(new JudgeSettings(staleAfter)), clock,
                new GatewayContextSource(roots, probe, clock, gatewayTtl));
    }

    /** The source of the 2026.8+ kinds: state and agent DBs through the sqlite package, gateway locks, /proc/locks. */
    public StateDirSource stateDirSource() {
        return new StateDirSource(new CachingDbReaders(new SqliteDbReaders()), probe, clock, staleAfter, Hostnames::thisHost, ProcLocks::read);
    }

    public LockStore newStore() {
        return new LockStore(clock);
    }

    /** A watch service (not started) feeding {@code store}, its timers on {@code scheduler}. */
    public LockWatchService watchService(LockScanner scanner, LockStore store, ScheduledExecutorService scheduler) {
        return new LockWatchService(scanner, store, scheduler, WatchSettings.DEFAULTS);
    }
}
