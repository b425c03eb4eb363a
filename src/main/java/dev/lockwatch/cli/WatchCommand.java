package dev.lockwatch.cli;

import dev.lockwatch.lock.LockScanner;
import dev.lockwatch.lock.RootError;
import dev.lockwatch.watch.HoldEvent;
import dev.lockwatch.watch.LockEvent;
import dev.lockwatch.watch.StateDirPoller;
import java.time.Duration;
import dev.lockwatch.watch.LockStore;
import dev.lockwatch.watch.LockWatchService;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.lockwatch.engine.EngineAssembly;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code watch}: the live pipeline ({@link LockWatchService} feeding a {@link LockStore}) printed as one line per
 * event. The store calls its listeners under its monitor, so they only put the events on a queue; this
 * command's thread takes them off and prints them.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Watch the session locks under the given paths (default: the OpenClaw state dirs) and print",
            "one line per change: every existing lock as 'added', then 'ready', then changes as they happen.",
            "Runs until interrupted (Ctrl-C or SIGTERM), then exits 0. Exit 2 for a usage error or when no",
            "OpenClaw state dir exists and no PATH is given."})
final class WatchCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(WatchCommand.class);
    /** How often the 2026.8+ databases are read again (short read-only transactions; see StateDirPoller). */
    static final Duration HOLD_POLL = Duration.ofMillis(500);

    @Spec
    CommandSpec spec;

    @Mixin
    StaleAfterOption staleAfter;

    @Mixin
    JsonOption json;

    @Mixin
    RootPaths paths;

    /** What the output thread is handed. */
    private sealed interface Item {
        record Events(List<LockEvent> events) implements Item {
        }

        record HoldEvents(List<HoldEvent> events) implements Item {
        }

        record Errors(List<RootError> errors, Instant at) implements Item {
        }

        record Ready(Instant at) implements Item {
        }

        record Stop() implements Item {
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScanCommand.Roots roots = paths.resolve();
        if (roots.paths().isEmpty()) {
            for (RootError e : roots.withLookedAt(List.of())) {
                err.println("lockwatch: " + SafeText.terminal(e.path().toString()) + ": " + SafeText.terminal(e.error()));
            }
            return LockwatchCommand.USAGE;
        }

        EngineAssembly engine = EngineAssembly.forCli(roots.paths(), staleAfter.staleAfter);
        Clock clock = engine.clock();
        LockStore store = engine.newStore();
        LockScanner scanner = engine.scanner();
        BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lockwatch-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        CountDownLatch finished = new CountDownLatch(1);
        Runnable restoreSignals = onInterrupt(() -> queue.add(new Item.Stop()), finished);
        WatchOutput output = new WatchOutput(json.json, out, ZoneId.systemDefault());
        LockWatchService service = engine.watchService(scanner, store, scheduler);
        StateDirPoller poller = new StateDirPoller(engine.stateDirSource(), store, roots::paths);
        try {
            store.subscribe(events -> queue.add(new Item.Events(events)));
            store.subscribeHolds(events -> queue.add(new Item.HoldEvents(events)));
            store.onErrorsChanged(() -> queue.add(new Item.Errors(store.errors(), clock.instant())));
            AtomicBoolean ready = new AtomicBoolean();
            service.addStateListener(state -> {
                if (!state.scanning() && ready.compareAndSet(false, true)) {
                    queue.add(new Item.Ready(clock.instant()));
                }
            });
            poller.tick(); // the 2026.8+ holds already there are 'added' before 'ready', as the locks are
            poller.start(scheduler, HOLD_POLL);
            service.start(roots.paths());
            while (true) {
                Item item = queue.take();
                if (item instanceof Item.Stop) {
                    break;
                } else if (item instanceof Item.HoldEvents e) {
                    output.holdEvents(e.events());
                } else if (item instanceof Item.Events e) {
                    output.events(e.events());
                } else if (item instanceof Item.Errors e) {
                    output.errors(e.errors(), e.at());
                } else if (item instanceof Item.Ready r) {
                    output.ready(r.at(), service.roots().size());
                }
                if (out.checkError()) {
                    LOG.debug("standard output is closed: stopping");
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            poller.close();
            service.close();
            scheduler.shutdownNow();
            out.flush();
            restoreSignals.run();
            finished.countDown();
        }
        return LockwatchCommand.OK;
    }

    /**
     * Runs {@code stop} on SIGINT and SIGTERM instead of letting the JVM exit with 130/143, so the command
     * closes the service and returns 0. Where the handlers cannot be installed (e.g. {@code -Xrs}), a shutdown
     * hook stops the loop and waits for it to finish closing. Returns what restores the previous handlers.
     */
    @SuppressWarnings("sunapi")
    private static Runnable onInterrupt(Runnable stop, CountDownLatch finished) {
        List<Runnable> restore = new ArrayList<>();
        boolean handled = true;
        for (String name : List.of("INT", "TERM")) {
            try {
                sun.misc.Signal signal = new sun.misc.Signal(name);
                sun.misc.SignalHandler previous = sun.misc.Signal.handle(signal, s -> stop.run());
                restore.add(() -> sun.misc.Signal.handle(signal, previous));
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                LOG.debug("cannot handle SIG{}", name, e);
                handled = false;
            }
        }
        if (!handled) {
            Thread hook = new Thread(() -> {
                stop.run();
                try {
                    finished.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "lockwatch-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            restore.add(() -> {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // already shutting down
                }
            });
        }
        return () -> restore.forEach(Runnable::run);
    }
}
