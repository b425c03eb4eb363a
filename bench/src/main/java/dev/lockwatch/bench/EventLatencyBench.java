package dev.lockwatch.bench;

import dev.lockwatch.lock.Judge;
import dev.lockwatch.lock.JudgeSettings;
import dev.lockwatch.lock.LockScanner;
import dev.lockwatch.process.ProcessProbes;
import dev.lockwatch.ui.locktable.LockRow;
import dev.lockwatch.ui.locktable.LockTableViewModel;
import dev.lockwatch.ui.locktable.WatchControl;
import dev.lockwatch.watch.LockEvent;
import dev.lockwatch.watch.LockStore;
import dev.lockwatch.watch.LockWatchService;
import dev.lockwatch.watch.WatchSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;

/**
 * File created/deleted -> (a) seen by {@code inotifywait -m -r} (the floor), (b) the event reaching {@link LockStore}
 * listeners, (c) the row added/removed in {@link LockTableViewModel} on the FX thread, with the app's 100 ms
 * {@code FxBatcher} interval and {@code Platform::runLater}, exactly as {@code LockwatchWindow} wires them.
 *
 * <p>Events are isolated (closed loop): each one is made after the previous one reached the view-model and inotifywait,
 * plus a random pause, so each figure is the latency of one event on an otherwise idle watch.
 *
 * <p>args: workDir locks dirs events pauseMs holders [batchIntervalMs]
 */
public final class EventLatencyBench {
    /** LockwatchWindow.BATCH_INTERVAL; another value (args[6]) only to try a change of it. */
    private static final long APP_BATCH_INTERVAL_MS = 100;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int locks = BenchUtil.intArg(args, 1, 10_000);
        int dirs = BenchUtil.intArg(args, 2, 100);
        int events = BenchUtil.intArg(args, 3, 1_000);
        int pauseMs = BenchUtil.intArg(args, 4, 10);
        int holderCount = BenchUtil.intArg(args, 5, 10);
        Duration batchInterval = Duration.ofMillis(BenchUtil.intArg(args, 6, (int) APP_BATCH_INTERVAL_MS));
        Path state = Files.createDirectories(work.resolve("state"));

        List<BenchUtil.Holder> holders = BenchUtil.spawnHolders(holderCount);
        List<Path> sessionDirs = BenchUtil.writeQuietLocks(state, dirs, locks / dirs, holders);
        BenchUtil.progress(locks + " locks in " + dirs + " dirs written; starting inotifywait, the watcher and the view-model");

        Map<String, Long> inotifySeen = new ConcurrentHashMap<>();
        Map<String, Long> storeSeen = new ConcurrentHashMap<>();
        Map<String, Long> vmSeen = new ConcurrentHashMap<>();

        // (a) inotifywait: the floor, reading its output as it comes
        Process inotify = new ProcessBuilder("inotifywait", "-m", "-r", "-e", "create,delete,moved_to,moved_from",
                "--format", "%w%f|%e", state.toString()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(inotify::destroyForcibly));
        CountDownLatch watchesEstablished = new CountDownLatch(1);
        daemon("inotify-err", () -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(inotify.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    if (line.contains("Watches established")) {
                        watchesEstablished.countDown();
                    }
                }
            } catch (Exception e) {
                // ended
            }
        });
        daemon("inotify-out", () -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(inotify.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    long t = System.nanoTime();
                    int bar = line.lastIndexOf('|');
                    if (bar < 0) {
                        continue;
                    }
                    String path = line.substring(0, bar);
                    String kinds = line.substring(bar + 1);
                    if (kinds.contains("CREATE") || kinds.contains("MOVED_TO")) {
                        inotifySeen.putIfAbsent(path + "|c", t);
                    } else if (kinds.contains("DELETE") || kinds.contains("MOVED_FROM")) {
                        inotifySeen.putIfAbsent(path + "|d", t);
                    }
                }
            } catch (Exception e) {
                // ended
            }
        });
        if (!watchesEstablished.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("inotifywait did not establish its watches");
        }

        // (b) + (c): the app's pipeline: store, watcher, view-model on the FX thread with the app's batch interval
        Platform.startup(() -> { });
        Platform.setImplicitExit(false);
        Clock clock = Clock.systemUTC();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "lockwatch-scheduler");
            t.setDaemon(true);
            return t;
        });
        LockStore store = new LockStore(clock);
        store.subscribe(batch -> {
            long t = System.nanoTime();
            for (LockEvent e : batch) {
                String name = e.path().getFileName().toString();
                if (!name.startsWith("ev-")) {
                    continue;
                }
                if (e instanceof LockEvent.Added) {
                    storeSeen.putIfAbsent(e.path() + "|c", t);
                } else if (e instanceof LockEvent.Removed) {
                    storeSeen.putIfAbsent(e.path() + "|d", t);
                }
            }
        });
        LockScanner scanner = new LockScanner(ProcessProbes.forThisPlatform(), new Judge(JudgeSettings.DEFAULTS), clock);
        LockWatchService service = new LockWatchService(scanner, store, scheduler, WatchSettings.DEFAULTS);
        WatchControl control = new WatchControl() {
            @Override
            public void rescan() {
                service.rescan();
            }

            @Override
            public void setRoots(List<Path> roots) {
                service.setRoots(roots);
            }
        };
        AtomicReference<LockTableViewModel> vmRef = new AtomicReference<>();
        onFx(() -> {
            LockTableViewModel vm = new LockTableViewModel(store, control, scheduler, Platform::runLater, batchInterval,
                    clock.instant(), ZoneId.systemDefault());
            vm.rows().addListener((ListChangeListener<LockRow>) c -> {
                long t = System.nanoTime();
                Set<Path> added = new HashSet<>();
                Set<Path> removed = new HashSet<>();
                while (c.next()) {
                    if (c.wasAdded() && c.getAddedSize() <= 64) {
                        c.getAddedSubList().forEach(r -> added.add(r.report().path()));
                    } else if (c.wasAdded()) {
                        c.getAddedSubList().stream().map(r -> r.report().path())
                                .filter(p -> p.getFileName().toString().startsWith("ev-")).forEach(added::add);
                    }
                    if (c.wasRemoved()) {
                        c.getRemoved().stream().map(r -> r.report().path())
                                .filter(p -> p.getFileName().toString().startsWith("ev-")).forEach(removed::add);
                    }
                }
                for (Path p : added) {
                    if (!removed.contains(p) && p.getFileName().toString().startsWith("ev-")) {
                        vmSeen.putIfAbsent(p + "|c", t);
                    }
                }
                for (Path p : removed) {
                    if (!added.contains(p)) {
                        vmSeen.putIfAbsent(p + "|d", t);
                    }
                }
            });
            vmRef.set(vm);
            return null;
        });
        LockTableViewModel vm = vmRef.get();
        long startedAt = System.nanoTime();
        service.start(List.of(state));
        waitUntil("the view-model to show " + locks + " rows", 120_000, () -> onFxQuiet(vm::totalRows) == locks);
        BenchUtil.progress("initial scan of " + locks + " locks reached the view-model in "
                + Math.round(BenchUtil.ms(System.nanoTime() - startedAt)) + " ms; " + events + " events follow");
        Thread.sleep(1_000); // let the watcher settle

        List<Double> inotifyMs = new ArrayList<>();
        List<Double> storeMs = new ArrayList<>();
        List<Double> vmMs = new ArrayList<>();
        List<Double> storeToVmMs = new ArrayList<>();
        List<Double> vmCreate = new ArrayList<>();
        List<Double> vmDelete = new ArrayList<>();
        List<Double> storeCreate = new ArrayList<>();
        List<Double> storeDelete = new ArrayList<>();
        AtomicInteger timeouts = new AtomicInteger();
        Random random = new Random(42);
        long eventsStarted = System.nanoTime();
        int batchesBefore = onFxQuiet(vm::batchesApplied);
        for (int i = 0; i < events; i++) {
            int k = i / 2;
            BenchUtil.Holder holder = holders.get(k % holders.size());
            Path path = sessionDirs.get((k * 37) % sessionDirs.size()).resolve("ev-" + k + ".jsonl.lock");
            boolean create = i % 2 == 0;
            String key = path + (create ? "|c" : "|d");
            long t0 = System.nanoTime();
            if (create) {
                Files.write(path, BenchUtil.payload(holder.pid(), Instant.now(), holder.starttime()),
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } else {
                Files.delete(path);
            }
            boolean seen = waitFor(vmSeen, key, 5_000) & waitFor(inotifySeen, key, 2_000);
            if (!seen) {
                timeouts.incrementAndGet();
            }
            Long ti = inotifySeen.get(key);
            Long ts = storeSeen.get(key);
            Long tv = vmSeen.get(key);
            if (ti != null) {
                inotifyMs.add(BenchUtil.ms(ti - t0));
            }
            if (ts != null) {
                storeMs.add(BenchUtil.ms(ts - t0));
                (create ? storeCreate : storeDelete).add(BenchUtil.ms(ts - t0));
            }
            if (tv != null) {
                vmMs.add(BenchUtil.ms(tv - t0));
                (create ? vmCreate : vmDelete).add(BenchUtil.ms(tv - t0));
            }
            if (ts != null && tv != null) {
                storeToVmMs.add(BenchUtil.ms(tv - ts));
            }
            Thread.sleep(pauseMs + random.nextInt(pauseMs + 1));
            if ((i + 1) % 200 == 0) {
                BenchUtil.progress((i + 1) + "/" + events + " events");
            }
        }
        double seconds = (System.nanoTime() - eventsStarted) / 1e9;
        int batches = onFxQuiet(vm::batchesApplied) - batchesBefore;

        // where a create's store latency goes: re-reading and re-judging one lock with a fresh process snapshot, and
        // the part of it that walks every process's /proc/<pid>/status (the nested pid index)
        Path sample = sessionDirs.get(0).resolve(String.format("s%04d-%06d.jsonl.lock", 0, 0));
        List<Double> rejudgeMs = new ArrayList<>();
        List<Double> nestedIndexMs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long r0 = System.nanoTime();
            scanner.rejudge(sample, state);
            long r1 = System.nanoTime();
            scanner.probe().snapshot().nestedPidIndex();
            long r2 = System.nanoTime();
            rejudgeMs.add(BenchUtil.ms(r1 - r0));
            nestedIndexMs.add(BenchUtil.ms(r2 - r1));
        }
        long processes;
        try (var procs = Files.list(Path.of("/proc"))) {
            processes = procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).count();
        }

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("locks", locks);
        out.put("batchIntervalMs", batchInterval.toMillis());
        out.put("dirs", dirs);
        out.put("events", events);
        out.put("seconds", BenchUtil.round2(seconds));
        out.put("timeouts", timeouts.get());
        out.put("batches", batches);
        out.put("inotify", BenchUtil.stats(inotifyMs));
        out.put("store", BenchUtil.stats(storeMs));
        out.put("viewModel", BenchUtil.stats(vmMs));
        out.put("storeToViewModel", BenchUtil.stats(storeToVmMs));
        out.put("createViewModel", BenchUtil.stats(vmCreate));
        out.put("deleteViewModel", BenchUtil.stats(vmDelete));
        out.put("createStore", BenchUtil.stats(storeCreate));
        out.put("deleteStore", BenchUtil.stats(storeDelete));
        out.put("rejudgeOneLiveLockMs", BenchUtil.stats(rejudgeMs));
        out.put("nestedPidIndexMs", BenchUtil.stats(nestedIndexMs));
        out.put("processesOnMachine", processes);
        BenchUtil.result(out);

        service.close();
        scheduler.shutdownNow();
        inotify.destroyForcibly();
        BenchUtil.killHolders(holders);
        Platform.exit();
        System.exit(0);
    }

    private static boolean waitFor(Map<String, Long> seen, String key, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!seen.containsKey(key)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(0, 200_000);
        }
        return true;
    }

    static void waitUntil(String what, long timeoutMs, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static <T> T onFx(java.util.concurrent.Callable<T> task) throws Exception {
        java.util.concurrent.FutureTask<T> future = new java.util.concurrent.FutureTask<>(task);
        Platform.runLater(future);
        return future.get(60, TimeUnit.SECONDS);
    }

    static <T> T onFxQuiet(Supplier<T> task) {
        try {
            return onFx(task::get);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }
}
