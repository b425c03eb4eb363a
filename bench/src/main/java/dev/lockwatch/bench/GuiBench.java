package dev.lockwatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Window;

/**
 * The real application, as {@code java -jar lockwatch.jar} starts it ({@code dev.lockwatch.app.Launcher} with no
 * arguments), headless through Monocle, on a state dir given by {@code OPENCLAW_STATE_DIR}. A probe thread finds the
 * window and reports:
 * <ul>
 *   <li>the first frame showing the expected rows: the first pulse after which the table has that many items and a
 *       filled row on screen (epoch ms, so the driver measures from the moment it launched this JVM);</li>
 *   <li>idle CPU: process CPU time (all threads, JIT and GC included) over {@code idleSeconds} after
 *       {@code settleSeconds}, as % of one core, with the per-thread split of the Java threads;</li>
 *   <li>used heap after {@code System.gc()}, in that state.</li>
 * </ul>
 * System properties: bench.rows, bench.settleSeconds, bench.idleSeconds.
 */
public final class GuiBench {
    private static final AtomicLong firstPulse = new AtomicLong();
    private static final AtomicLong itemsComplete = new AtomicLong();
    private static final AtomicLong firstFrame = new AtomicLong();
    private static final AtomicLong pulses = new AtomicLong();

    public static void main(String[] args) throws Exception {
        long mainAt = System.currentTimeMillis();
        Thread probe = new Thread(() -> {
            try {
                probe(mainAt);
            } catch (Throwable t) {
                t.printStackTrace();
                System.out.println("  .. gui probe failed: " + t);
                System.exit(3);
            }
        }, "bench-gui-probe");
        probe.setDaemon(true);
        probe.start();
        dev.lockwatch.app.Launcher.main(new String[0]);
    }

    private static void probe(long mainAt) throws Exception {
        int rows = Integer.getInteger("bench.rows", 10_000);
        int settle = Integer.getInteger("bench.settleSeconds", 10);
        int idle = Integer.getInteger("bench.idleSeconds", 60);
        CountDownLatch framed = new CountDownLatch(1);
        TableView<?>[] table = new TableView<?>[1];
        while (table[0] == null) {
            try {
                EventLatencyBench.onFx(() -> {
                    for (Window w : Window.getWindows()) {
                        Scene scene = w.getScene();
                        Node node = scene == null ? null : scene.lookup("#lock-table");
                        if (node instanceof TableView<?> t) {
                            table[0] = t;
                            install(scene, t, rows, framed);
                        }
                    }
                    return null;
                });
            } catch (IllegalStateException notYet) {
                // the toolkit is not up yet
            }
            if (table[0] == null) {
                Thread.sleep(2);
            }
        }
        if (!framed.await(180, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no frame with " + rows + " rows within 180 s");
        }
        System.out.println("  .. first frame with " + rows + " rows");
        System.out.flush();
        Thread.sleep(settle * 1000L);
        // changes reaching the table while nothing changes on disk (re-judges that emit events, re-sorts)
        java.util.concurrent.atomic.AtomicLong tableChanges = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong rowsTouched = new java.util.concurrent.atomic.AtomicLong();
        EventLatencyBench.onFx(() -> {
            table[0].getItems().addListener((javafx.collections.ListChangeListener<Object>) c -> {
                tableChanges.incrementAndGet();
                while (c.next()) {
                    rowsTouched.addAndGet(Math.max(c.getAddedSize(), c.getRemovedSize()) + (c.wasPermutated() ? c.getTo() - c.getFrom() : 0));
                }
            });
            return null;
        });

        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> before = threadCpu(threads);
        Map<String, Long> tasksBefore = taskCpuTicks();
        long pulsesBefore = pulses.get();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        // a time series in 10 s steps: process CPU and the JIT compilers' share (warm-up shows as C1/C2 time)
        List<Map<String, Object>> series = new ArrayList<>();
        long end = wall0 + idle * 1_000_000_000L;
        long stepCpu = cpu0;
        long stepWall = wall0;
        Map<String, Long> stepTasks = tasksBefore;
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(10_000L, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            long c = os.getProcessCpuTime();
            long w = System.nanoTime();
            Map<String, Long> tk = taskCpuTicks();
            long jit = 0;
            for (var e : tk.entrySet()) {
                if (e.getKey().startsWith("C1 ") || e.getKey().startsWith("C2 ")) {
                    jit += e.getValue() - stepTasks.getOrDefault(e.getKey(), 0L);
                }
            }
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("atS", BenchUtil.round2((w - wall0) / 1e9));
            step.put("cpuPercent", BenchUtil.round2(100.0 * (c - stepCpu) / (w - stepWall)));
            step.put("jitPercent", BenchUtil.round2(100.0 * jit * 1e7 / (w - stepWall)));
            series.add(step);
            stepCpu = c;
            stepWall = w;
            stepTasks = tk;
        }
        long cpu1 = os.getProcessCpuTime();
        long wall1 = System.nanoTime();
        Map<String, Long> after = threadCpu(threads);
        Map<String, Long> tasksAfter = taskCpuTicks();
        long idlePulses = pulses.get() - pulsesBefore;
        double cpuPercent = 100.0 * (cpu1 - cpu0) / (wall1 - wall0);

        Map<String, Object> perThread = new LinkedHashMap<>();
        long javaThreads = 0;
        Map<String, Long> grouped = new HashMap<>();
        for (var e : after.entrySet()) {
            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            javaThreads += d;
            String group = e.getKey().replaceAll("#\\d+$", "").replaceAll("-\\d+$", "");
            grouped.merge(group, d, Long::sum);
        }
        grouped.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> perThread.put(e.getKey(), BenchUtil.round2(100.0 * e.getValue() / (wall1 - wall0))));
        perThread.put("(not Java threads: GC, JIT, VM)", BenchUtil.round2(100.0 * ((cpu1 - cpu0) - javaThreads) / (wall1 - wall0)));
        // every thread of the process, native ones too (GC, JIT compilers, VM), from /proc/self/task/*/stat
        Map<String, Long> byTask = new HashMap<>();
        for (var e : tasksAfter.entrySet()) {
            String group = e.getKey().replaceAll("#\\d+$", "").replaceAll("[-#]?\\d+$", "").trim();
            byTask.merge(group, e.getValue() - tasksBefore.getOrDefault(e.getKey(), 0L), Long::sum);
        }
        Map<String, Object> perTask = new LinkedHashMap<>();
        double tick = 1e9 / 100; // USER_HZ
        byTask.entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> perTask.put(e.getKey(), BenchUtil.round2(100.0 * e.getValue() * tick / (wall1 - wall0))));

        int shown = EventLatencyBench.onFx(() -> table[0].getItems().size());
        System.gc();
        System.gc();
        Thread.sleep(300);
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", rows);
        out.put("rowsShownAtEnd", shown);
        out.put("mainAt", mainAt);
        out.put("firstPulseAt", firstPulse.get());
        out.put("itemsCompleteAt", itemsComplete.get());
        out.put("firstFrameAt", firstFrame.get());
        out.put("idleSeconds", idle);
        out.put("idlePulses", idlePulses);
        out.put("idleTableChanges", tableChanges.get());
        out.put("idleTableRowsTouched", rowsTouched.get());
        out.put("idleCpuPercent", BenchUtil.round2(cpuPercent));
        out.put("idleCpuPercentByJavaThread", perThread);
        out.put("idleCpuPercentByTask", perTask);
        out.put("idleCpuSeries", series);
        out.put("heapUsedMb", BenchUtil.round2(heap.getUsed() / 1048576.0));
        out.put("heapCommittedMb", BenchUtil.round2(heap.getCommitted() / 1048576.0));
        out.put("rssMb", rssMb());
        out.put("jvm", ManagementFactory.getRuntimeMXBean().getInputArguments());
        BenchUtil.result(out);
        System.exit(0);
    }

    private static void install(Scene scene, TableView<?> table, int rows, CountDownLatch framed) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            long now = System.currentTimeMillis();
            pulses.incrementAndGet();
            firstPulse.compareAndSet(0, now);
            if (table.getItems().size() >= rows) {
                itemsComplete.compareAndSet(0, now);
                if (firstFrame.get() == 0 && hasFilledRow(table)) {
                    firstFrame.set(now);
                    framed.countDown();
                }
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }

    private static boolean hasFilledRow(TableView<?> table) {
        for (Node n : table.lookupAll(".table-row-cell")) {
            if (n instanceof TableRow<?> row && row.getItem() != null && row.isVisible()) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Long> threadCpu(ThreadMXBean threads) {
        Map<String, Long> out = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu >= 0) {
                out.put(info.getThreadName() + "#" + info.getThreadId(), cpu);
            }
        }
        return out;
    }

    /** utime+stime (clock ticks) of every thread of this process, by "comm#tid". */
    private static Map<String, Long> taskCpuTicks() {
        Map<String, Long> out = new HashMap<>();
        try (var tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.put(comm + "#" + task.getFileName(), Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (Exception e) {
                    // the thread ended
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return out;
    }

    private static double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return BenchUtil.round2(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }
}
