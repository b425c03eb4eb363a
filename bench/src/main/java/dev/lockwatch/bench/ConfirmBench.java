package dev.lockwatch.bench;

import dev.lockwatch.audit.AuditLog;
import dev.lockwatch.audit.AuditReader;
import dev.lockwatch.gateway.GatewayContextSource;
import dev.lockwatch.lock.Judge;
import dev.lockwatch.lock.JudgeSettings;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.LockScanner;
import dev.lockwatch.process.ProcessProbe;
import dev.lockwatch.process.ProcessProbes;
import dev.lockwatch.process.Signaller;
import dev.lockwatch.restart.GatewayLocator;
import dev.lockwatch.restart.RestartFlow;
import dev.lockwatch.restart.RestartListener;
import dev.lockwatch.restart.RestartOutcome;
import dev.lockwatch.restart.RestartPlan;
import dev.lockwatch.restart.RestartPlanner;
import dev.lockwatch.restart.RestartReport;
import dev.lockwatch.restart.SignalChoice;
import dev.lockwatch.watch.LockEvent;
import dev.lockwatch.watch.LockStore;
import dev.lockwatch.watch.LockWatchService;
import dev.lockwatch.watch.WatchSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Last tracked lock deleted -> restart outcome reported. Lockwatch's demo gateway ({@code java -jar lockwatch.jar
 * demo-gateway --mode release}, a separate JVM) holds N session locks; each run plans a restart from the watched store
 * exactly as the {@code restart} command does (store fed by a {@link LockWatchService}, so store events wake the flow),
 * runs {@link RestartFlow#run}, and measures from the deletion of the last tracked lock to the moment {@code run()}
 * returns. The deletion is timestamped by an inotify watch (the JDK's WatchService) on the sessions dir in this JVM, so
 * the figure slightly understates (by the inotify delivery, see inotifyLatencyMs). The demo deletes its session locks
 * and then rewrites its gateway lock; the flow reports only when both are seen, so both times are recorded.
 *
 * <p>args: workDir jar runs sessions
 */
public final class ConfirmBench {
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path jar = Path.of(args[1]);
        int runs = BenchUtil.intArg(args, 2, 20);
        int sessions = BenchUtil.intArg(args, 3, 3);
        Path state = Files.createDirectories(work.resolve("state")).toRealPath();
        Path sessionsDir = Files.createDirectories(state.resolve("agents/main/sessions"));
        Integer uid = dev.lockwatch.process.Users.currentUid();
        Path lockDir = state.resolve("tmp").resolve(uid == null ? "openclaw" : "openclaw-" + uid);

        // deletion and gateway-lock timestamps, seen through inotify in this JVM
        Map<Path, Long> deletedAt = new ConcurrentHashMap<>();
        Map<Path, Long> gatewayWrittenAt = new ConcurrentHashMap<>();
        WatchService inotify = FileSystems.getDefault().newWatchService();
        sessionsDir.register(inotify, StandardWatchEventKinds.ENTRY_DELETE);
        Thread watcher = new Thread(() -> {
            try {
                while (true) {
                    WatchKey key = inotify.take();
                    long t = System.nanoTime();
                    Path dir = (Path) key.watchable();
                    for (WatchEvent<?> e : key.pollEvents()) {
                        if (e.context() instanceof Path name) {
                            if (e.kind() == StandardWatchEventKinds.ENTRY_DELETE) {
                                deletedAt.putIfAbsent(dir.resolve(name), t);
                            } else if (name.toString().endsWith(".lock")) {
                                gatewayWrittenAt.putIfAbsent(dir.resolve(name), t);
                            }
                        }
                    }
                    key.reset();
                }
            } catch (Exception e) {
                // closed
            }
        }, "bench-inotify");
        watcher.setDaemon(true);
        watcher.start();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process demo = new ProcessBuilder(java, "-jar", jar.toString(), "demo-gateway", "--state-dir", state.toString(),
                "--sessions", Integer.toString(sessions), "--mode", "release")
                .redirectError(work.resolve("demo-gateway.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(demo::destroy));
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (Exception e) {
                // ended
            }
        }, "demo-stdout");
        reader.setDaemon(true);
        reader.start();
        String ready = lines.poll(60, TimeUnit.SECONDS);
        if (ready == null || !ready.startsWith("ready pid=")) {
            throw new IllegalStateException("the demo gateway did not start: " + ready);
        }
        long demoPid = demo.pid();
        lockDir.register(inotify, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);

        // the restart command's wiring
        Clock clock = Clock.systemUTC();
        ProcessProbe probe = ProcessProbes.forThisPlatform();
        List<Path> roots = List.of(state);
        LockScanner scanner = new LockScanner(probe, new Judge(JudgeSettings.DEFAULTS), clock,
                new GatewayContextSource(() -> roots, probe, clock, Duration.ofSeconds(1)));
        LockStore store = new LockStore(clock);
        Map<Path, Long> storeRemovedAt = new ConcurrentHashMap<>();
        store.subscribe(events -> {
            long t = System.nanoTime();
            for (LockEvent e : events) {
                if (e instanceof LockEvent.Removed) {
                    storeRemovedAt.putIfAbsent(e.path(), t);
                }
            }
        });
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lockwatch-scheduler");
            t.setDaemon(true);
            return t;
        });
        LockWatchService service = new LockWatchService(scanner, store, scheduler, WatchSettings.DEFAULTS);
        CountDownLatch scanned = new CountDownLatch(1);
        service.addStateListener(s -> {
            if (!s.scanning()) {
                scanned.countDown();
            }
        });
        service.start(roots);
        scanned.await(60, TimeUnit.SECONDS);
        GatewayLocator gateways = new GatewayLocator(Optional.empty(), Optional.of(lockDir), probe);

        List<Double> latency = new ArrayList<>();
        List<Double> deleteToStore = new ArrayList<>();
        List<Double> storeToReturn = new ArrayList<>();
        List<Double> deleteToGatewayLock = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<Map<String, Object>> perRun = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            List<LockReport> held = waitForHeld(store, demoPid, sessions);
            Path audit = work.resolve("audit-" + run + ".jsonl"); // a fresh audit log: no cooldown between runs
            RestartPlan plan = RestartPlanner.plan(gateways.discover(), SignalChoice.AUTO, held,
                    pid -> AuditReader.lastSignalled(audit, pid), clock.instant());
            if (plan.refused() || plan.tracked().size() != sessions) {
                throw new IllegalStateException("plan refused or incomplete: " + plan.refusal() + " tracked " + plan.tracked().size());
            }
            RestartFlow flow = new RestartFlow(gateways, new Signaller(), scanner, store, new AuditLog(audit, clock), clock,
                    Duration.ofSeconds(30), Duration.ofSeconds(10));
            gatewayWrittenAt.clear();
            long[] noticed = {0};
            long[] reported = {0};
            RestartListener timing = new RestartListener() {
                @Override
                public void released(Path lock, long afterMs) {
                    noticed[0] = System.nanoTime(); // the flow saw this lock released
                }

                @Override
                public void phase(dev.lockwatch.restart.RestartPhase phase, String message) {
                    if (phase.terminal()) {
                        reported[0] = System.nanoTime(); // the outcome, after the audit append
                    }
                }
            };
            RestartReport report = flow.run(plan, timing);
            long returnedAt = System.nanoTime();
            if (report.outcome() != RestartOutcome.RELEASED) {
                failures.add(report.outcome().word() + ": " + report.message());
                continue;
            }
            long lastDeleted = Long.MIN_VALUE;
            Path last = null;
            for (LockReport tracked : plan.tracked()) {
                Long t = waitForKey(deletedAt, tracked.path());
                if (t != null && t > lastDeleted) {
                    lastDeleted = t;
                    last = tracked.path();
                }
            }
            if (last == null) {
                failures.add("no deletion seen by inotify");
                continue;
            }
            latency.add(BenchUtil.ms(returnedAt - lastDeleted));
            Long storeAt = storeRemovedAt.get(last);
            if (storeAt != null) {
                deleteToStore.add(BenchUtil.ms(storeAt - lastDeleted));
                storeToReturn.add(BenchUtil.ms(returnedAt - storeAt));
            }
            Long gw = gatewayWrittenAt.values().stream().min(Long::compare).orElse(null);
            if (gw != null) {
                deleteToGatewayLock.add(BenchUtil.ms(gw - lastDeleted));
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("latencyMs", BenchUtil.round2(latency.get(latency.size() - 1)));
            one.put("deleteToStoreEventMs", storeAt == null ? null : BenchUtil.round2(BenchUtil.ms(storeAt - lastDeleted)));
            one.put("deleteToGatewayLockRewriteMs", gw == null ? null : BenchUtil.round2(BenchUtil.ms(gw - lastDeleted)));
            one.put("deleteToReleaseNoticedMs", BenchUtil.round2(BenchUtil.ms(noticed[0] - lastDeleted)));
            one.put("noticedToOutcomeMs", BenchUtil.round2(BenchUtil.ms(reported[0] - noticed[0])));
            perRun.add(one);
            BenchUtil.progress("run " + (run + 1) + "/" + runs + ": " + Math.round(latency.get(latency.size() - 1)) + " ms");
        }
        // the fsync'd audit append that finish() does before it reports the outcome, alone, in the same dir
        List<Double> auditMs = new ArrayList<>();
        AuditLog probeLog = new AuditLog(work.resolve("audit-probe.jsonl"), clock);
        for (int i = 0; i < Math.max(5, runs); i++) {
            long a0 = System.nanoTime();
            probeLog.append("restart-outcome", Map.of("outcome", "released", "message", "bench"));
            auditMs.add(BenchUtil.ms(System.nanoTime() - a0));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runs", runs);
        out.put("sessions", sessions);
        out.put("failures", failures);
        out.put("latency", BenchUtil.stats(latency));
        out.put("latencyRuns", latency.stream().map(BenchUtil::round2).toList());
        out.put("latencyWithoutFirstRun", BenchUtil.stats(latency.size() > 1 ? latency.subList(1, latency.size()) : List.of()));
        out.put("deleteToStoreEvent", BenchUtil.stats(deleteToStore));
        out.put("storeEventToReturn", BenchUtil.stats(storeToReturn));
        out.put("deleteToGatewayLockRewrite", BenchUtil.stats(deleteToGatewayLock));
        out.put("auditAppendMs", BenchUtil.stats(auditMs));
        out.put("perRun", perRun);
        BenchUtil.result(out);
        service.close();
        demo.destroy();
        demo.waitFor(10, TimeUnit.SECONDS);
        System.exit(0);
    }

    private static List<LockReport> waitForHeld(LockStore store, long pid, int sessions) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<LockReport> held = store.snapshot().stream()
                    .filter(l -> l.holder().alive() && Long.valueOf(pid).equals(l.holder().hostPid())
                            && Boolean.TRUE.equals(l.holder().holdsOpen()))
                    .toList();
            if (held.size() == sessions) {
                return held;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the demo gateway's " + sessions + " locks did not show up: " + held.size());
            }
            Thread.sleep(20);
        }
    }

    private static Long waitForKey(Map<Path, Long> map, Path key) throws InterruptedException {
        for (int i = 0; i < 200 && !map.containsKey(key); i++) {
            Thread.sleep(5);
        }
        return map.get(key);
    }
}
