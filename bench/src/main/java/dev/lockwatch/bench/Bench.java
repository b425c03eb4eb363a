package dev.lockwatch.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark driver behind {@code bench/run}: runs each scenario in its own JVM on generated data in a temp dir,
 * prints a table with PASS/MISS per target and writes {@code target/bench/results.json} (the figures of issue 6, exactly
 * those keys) and {@code target/bench/details.json} (everything measured, with the machine and the sizes).
 */
public final class Bench {
    private static final List<String> ALL = List.of("events", "scan", "gui", "confirm", "cli");

    private final Map<String, Integer> sizes = new LinkedHashMap<>();
    private final Set<String> only = new LinkedHashSet<>(ALL);
    private boolean quick;
    private boolean jfr;
    private boolean keep;
    private Path jar;
    private Path classes;
    private String monocle;
    private Path out;
    private Path work;
    private final Map<String, Object> details = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        Bench bench = new Bench();
        bench.parse(args);
        System.exit(bench.run());
    }

    private void parse(String[] args) {
        sizes.put("events", 1_000);
        sizes.put("event-locks", 10_000);
        sizes.put("event-dirs", 100);
        sizes.put("event-pause-ms", 10);
        sizes.put("event-batch-ms", (int) dev.lockwatch.app.LockwatchWindow.BATCH_INTERVAL.toMillis()); // the app's
        sizes.put("scan-locks", 100_000);
        sizes.put("scan-dirs", 1_000);
        sizes.put("scan-pids", 50);
        sizes.put("scan-reps", 3);
        sizes.put("gui-locks", 10_000);
        sizes.put("gui-pids", 50);
        sizes.put("settle-seconds", 10);
        sizes.put("idle-seconds", 60);
        sizes.put("confirm-runs", 20);
        sizes.put("confirm-sessions", 3);
        sizes.put("cli-runs", 10);
        List<String> list = Arrays.asList(args);
        if (list.contains("--quick")) {
            quick = true;
            sizes.putAll(Map.of("events", 60, "event-locks", 2_000, "event-dirs", 20, "scan-locks", 10_000, "scan-dirs", 100,
                    "scan-pids", 10, "scan-reps", 2, "gui-locks", 2_000, "settle-seconds", 1, "idle-seconds", 3));
            sizes.putAll(Map.of("confirm-runs", 4, "cli-runs", 3, "gui-pids", 10));
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> { }
                case "--jfr" -> jfr = true;
                case "--keep" -> keep = true;
                case "--only" -> {
                    only.clear();
                    only.addAll(Arrays.asList(args[++i].split(",")));
                    if (!ALL.containsAll(only)) {
                        throw new IllegalArgumentException("--only takes some of " + ALL);
                    }
                }
                default -> {
                    String key = a.startsWith("--") ? a.substring(2) : a;
                    if (!sizes.containsKey(key) || i + 1 >= args.length) {
                        throw new IllegalArgumentException("unknown option " + a + "; options: --quick --only " + String.join(",", ALL)
                                + " --jfr --keep " + sizes.keySet().stream().map(k -> "--" + k + " N").toList());
                    }
                    sizes.put(key, Integer.parseInt(args[++i].replace("_", "").replace(",", "")));
                }
            }
        }
        jar = Path.of(System.getProperty("bench.jar"));
        classes = Path.of(System.getProperty("bench.classes"));
        monocle = System.getProperty("bench.monocle", "");
        out = Path.of(System.getProperty("bench.out", "target/bench"));
    }

    private int run() throws Exception {
        Files.createDirectories(out.resolve("logs"));
        work = Files.createTempDirectory("lockwatch-bench-");
        details.put("startedAt", Instant.now().toString());
        details.put("quick", quick);
        details.put("sizes", sizes);
        details.put("machine", machine());
        details.put("jar", jar.toString());
        Map<String, Map<String, Object>> results = new LinkedHashMap<>();
        try {
            for (String scenario : ALL) {
                if (!only.contains(scenario)) {
                    continue;
                }
                System.out.println("== " + scenario);
                Map<String, Object> r = switch (scenario) {
                    case "events" -> child("events", List.of(), "EventLatencyBench", List.of(dir("events"),
                            s("event-locks"), s("event-dirs"), s("events"), s("event-pause-ms"), "10", s("event-batch-ms")), Map.of(), true);
                    case "scan" -> child("scan", List.of(), "ScanBench", List.of(dir("scan"), s("scan-locks"), s("scan-dirs"),
                            s("scan-pids"), s("scan-reps")), Map.of(), false);
                    case "gui" -> gui();
                    case "confirm" -> child("confirm", List.of(), "ConfirmBench", List.of(dir("confirm"), jar.toString(),
                            s("confirm-runs"), s("confirm-sessions")), Map.of(), false);
                    case "cli" -> cli();
                    default -> throw new IllegalStateException(scenario);
                };
                r.put("loadavgAfter", loadavg());
                results.put(scenario, r);
            }
        } finally {
            if (!keep) {
                BenchUtil.deleteTree(work);
            } else {
                System.out.println("kept the generated data in " + work);
            }
        }
        details.put("scenarios", results);
        Map<String, Object> json = figures(results);
        Files.writeString(out.resolve("results.json"), BenchUtil.JSON.writeValueAsString(json) + "\n");
        Files.writeString(out.resolve("details.json"), BenchUtil.JSON.writeValueAsString(details) + "\n");
        System.out.println();
        System.out.println(table(results));
        @SuppressWarnings("unchecked")
        Map<String, Object> machine = (Map<String, Object>) details.get("machine");
        StringBuilder load = new StringBuilder("machine: " + machine.get("cpus") + " CPUs (" + machine.get("cpu") + "), "
                + machine.get("memTotalMb") + " MB, " + machine.get("java") + "; load average at start " + machine.get("loadavgAtStart"));
        results.forEach((k, v) -> load.append(", after ").append(k).append(' ').append(String.valueOf(v.get("loadavgAfter")).split(" ")[0]));
        System.out.println(load);
        System.out.println("results: " + out.resolve("results.json") + "   details: " + out.resolve("details.json"));
        return 0;
    }

    private String s(String key) {
        return Integer.toString(sizes.get(key));
    }

    private String dir(String name) throws IOException {
        return Files.createDirectories(work.resolve(name)).toString();
    }

    // ---- scenarios run here -----------------------------------------------------------------------------

    /**
     * The window as the product launches it (the JVM option in pom.xml's {@code lockwatch.gui.jvmOption}, which
     * {@code mvn javafx:run} and the installers pass), and once more with the JVM's default JIT for comparison.
     */
    private Map<String, Object> gui() throws Exception {
        List<String> product = guiJvmOptions();
        Map<String, Object> r = gui("gui", product);
        r.put("productJvmOptions", product);
        if (!product.isEmpty()) {
            System.out.println("  .. again with the JVM's default JIT, for comparison");
            r.put("defaultJit", gui("gui-default-jit", List.of()));
        }
        return r;
    }

    private static List<String> guiJvmOptions() throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<lockwatch\\.gui\\.jvmOption>([^<]*)</lockwatch\\.gui\\.jvmOption>")
                .matcher(Files.readString(Path.of("pom.xml")));
        return m.find() ? List.of(m.group(1).trim().split("\\s+")) : List.of();
    }

    private Map<String, Object> gui(String name, List<String> extraJvm) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        Path state = Files.createDirectories(dir.resolve("state"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Path prefs = Files.createDirectories(dir.resolve("prefs"));
        int locks = sizes.get("gui-locks");
        List<BenchUtil.Holder> holders = BenchUtil.spawnHolders(sizes.get("gui-pids"));
        try {
            BenchUtil.writeQuietLocks(state, Math.max(1, locks / 100), Math.min(100, locks), holders);
            List<String> jvm = new ArrayList<>(extraJvm);
            jvm.addAll(List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                    "-Djava.awt.headless=true", "-Duser.home=" + home, "-Djava.util.prefs.userRoot=" + prefs,
                    "-Dbench.rows=" + locks, "-Dbench.settleSeconds=" + sizes.get("settle-seconds"),
                    "-Dbench.idleSeconds=" + sizes.get("idle-seconds")));
            long launchAt = System.currentTimeMillis();
            Map<String, Object> r = child(name, jvm, "GuiBench", List.of(), Map.of("OPENCLAW_STATE_DIR", state.toString(),
                    "HOME", home.toString()), false);
            r.put("launchAt", launchAt);
            r.put("firstFrameMs", ((Number) r.get("firstFrameAt")).longValue() - launchAt);
            r.put("jvmStartToMainMs", ((Number) r.get("mainAt")).longValue() - launchAt);
            r.put("firstPulseMs", ((Number) r.get("firstPulseAt")).longValue() - launchAt);
            r.put("itemsCompleteMs", ((Number) r.get("itemsCompleteAt")).longValue() - launchAt);
            return r;
        } finally {
            BenchUtil.killHolders(holders);
        }
    }

    private Map<String, Object> cli() throws Exception {
        Path empty = Files.createDirectories(work.resolve("cli-empty"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < sizes.get("cli-runs"); i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(java, "-jar", jar.toString(), "scan", "--json", empty.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            int code = p.waitFor();
            double d = BenchUtil.ms(System.nanoTime() - t0);
            if (code != 0) {
                throw new IllegalStateException("scan --json EMPTYDIR exited " + code);
            }
            ms.add(d);
            BenchUtil.progress("run " + (i + 1) + ": " + Math.round(d) + " ms");
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("medianMs", BenchUtil.round2(BenchUtil.median(ms)));
        r.put("runsMs", ms.stream().map(BenchUtil::round2).toList());
        return r;
    }

    // ---- child JVMs ---------------------------------------------------------------------------------------

    private Map<String, Object> child(String name, List<String> jvmArgs, String main, List<String> args, Map<String, String> env,
                                      boolean needsFx) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaBin));
        if (needsFx) {
            cmd.addAll(List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Djava.awt.headless=true"));
        }
        cmd.addAll(jvmArgs);
        if (jfr) {
            Files.createDirectories(out.resolve("jfr"));
            cmd.add("-XX:StartFlightRecording=filename=" + out.resolve("jfr").resolve(name + ".jfr") + ",settings=profile,dumponexit=true");
        }
        String cp = classes + java.io.File.pathSeparator + jar + (monocle.isEmpty() ? "" : java.io.File.pathSeparator + monocle);
        cmd.addAll(List.of("-cp", cp, "dev.lockwatch.bench." + main));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(out.resolve("logs").resolve(name + ".log").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        Map<String, Object> result = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith(BenchUtil.RESULT_PREFIX)) {
                    result = BenchUtil.JSON.readValue(line.substring(BenchUtil.RESULT_PREFIX.length()), new TypeReference<>() { });
                } else {
                    System.out.println(line);
                }
            }
        }
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        if (result == null) {
            throw new IllegalStateException("scenario " + name + " reported nothing (exit " + p.exitValue() + "); see "
                    + out.resolve("logs").resolve(name + ".log"));
        }
        return result;
    }

    // ---- results ------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sub(Map<String, Map<String, Object>> results, String scenario, String key) {
        Map<String, Object> r = results.get(scenario);
        return r == null ? null : (Map<String, Object>) r.get(key);
    }

    private static Object num(Map<String, ?> m, String key) {
        return m == null ? null : m.get(key);
    }

    private static double d(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }

    private static Map<String, Object> pair(Map<String, Object> stats) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p50", num(stats, "p50"));
        m.put("p99", num(stats, "p99"));
        return m;
    }

    private static Map<String, Object> figures(Map<String, Map<String, Object>> r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("eventLatencyMs", pair(sub(r, "events", "viewModel")));
        json.put("inotifyLatencyMs", pair(sub(r, "events", "inotify")));
        Map<String, Object> scan = new LinkedHashMap<>();
        scan.put("lockwatchMs", num(r.get("scan"), "lockwatchMs"));
        scan.put("floorMs", num(r.get("scan"), "floorMs"));
        scan.put("ratio", num(r.get("scan"), "ratio"));
        json.put("scan100k", scan);
        json.put("idleCpuPercent10k", num(r.get("gui"), "idleCpuPercent"));
        json.put("heapMb10k", num(r.get("gui"), "heapUsedMb"));
        json.put("confirmLatencyMs", pair(sub(r, "confirm", "latency")));
        json.put("cliStartupMs", num(r.get("cli"), "medianMs"));
        json.put("guiFirstFrameMs", num(r.get("gui"), "firstFrameMs"));
        return json;
    }

    private String table(Map<String, Map<String, Object>> r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Scenario", "Figure", "Target", "Result"});
        if (r.containsKey("events")) {
            Map<String, Object> vm = sub(r, "events", "viewModel");
            Map<String, Object> st = sub(r, "events", "store");
            Map<String, Object> in = sub(r, "events", "inotify");
            boolean p50 = d(vm.get("p50")) <= d(in.get("p50")) + 3;
            boolean p99 = d(vm.get("p99")) <= 25;
            String size = String.format(Locale.ROOT, "%,d events, %,d locks in %d dirs", sizes.get("events"), sizes.get("event-locks"),
                    sizes.get("event-dirs"));
            rows.add(new String[] {"Event -> view-model row (" + size + ")", String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms",
                    d(vm.get("p50")), d(vm.get("p99"))), "p50 <= inotify p50 + 3 ms, p99 <= 25 ms",
                    (p50 && p99 ? "PASS" : "MISS") + (p50 ? "" : " (p50)") + (p99 ? "" : " (p99)")});
            rows.add(new String[] {"  event -> LockStore listeners", String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms",
                    d(st.get("p50")), d(st.get("p99"))), "(same targets, for comparison)",
                    (d(st.get("p50")) <= d(in.get("p50")) + 3 && d(st.get("p99")) <= 25 ? "PASS" : "MISS") + " (info)"});
            rows.add(new String[] {"  event -> inotifywait -m -r (floor)", String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms",
                    d(in.get("p50")), d(in.get("p99"))), "-", "-"});
        }
        if (r.containsKey("scan")) {
            Map<String, Object> s = r.get("scan");
            rows.add(new String[] {String.format(Locale.ROOT, "Full scan, %,d locks / %,d dirs / %d live pids", sizes.get("scan-locks"),
                    sizes.get("scan-dirs"), sizes.get("scan-pids")), String.format(Locale.ROOT, "%.0f ms vs floor %.0f ms = %.2fx",
                    d(s.get("lockwatchMs")), d(s.get("floorMs")), d(s.get("ratio"))), "ratio <= 3", d(s.get("ratio")) <= 3 ? "PASS" : "MISS"});
            rows.add(new String[] {"  first scan in a fresh JVM (cold JIT)", String.format(Locale.ROOT, "%.0f ms = %.2fx floor",
                    d(s.get("coldFirstScanMs")), d(s.get("coldFirstScanMs")) / d(s.get("floorMs"))), "-", "(info)"});
        }
        if (r.containsKey("gui")) {
            Map<String, Object> g = r.get("gui");
            String n = String.format(Locale.ROOT, "%,d", sizes.get("gui-locks"));
            rows.add(new String[] {"GUI idle CPU, " + n + " locks, " + sizes.get("idle-seconds") + " s", String.format(Locale.ROOT,
                    "%.2f %% of one core", d(g.get("idleCpuPercent"))), "<= 2 %", d(g.get("idleCpuPercent")) <= 2 ? "PASS" : "MISS"});
            rows.add(new String[] {"GUI heap after GC, " + n + " locks", String.format(Locale.ROOT, "%.1f MB (RSS %.0f MB)",
                    d(g.get("heapUsedMb")), d(g.get("rssMb"))), "<= 150 MB", d(g.get("heapUsedMb")) <= 150 ? "PASS" : "MISS"});
            rows.add(new String[] {"GUI launch -> first frame with " + n + " rows", String.format(Locale.ROOT, "%.0f ms",
                    d(g.get("firstFrameMs"))), "<= 2,500 ms", d(g.get("firstFrameMs")) <= 2500 ? "PASS" : "MISS"});
            rows.add(new String[] {"  launch -> window's first pulse -> all rows", String.format(Locale.ROOT, "%.0f ms -> %.0f ms",
                    d(g.get("firstPulseMs")), d(g.get("itemsCompleteMs"))), "-", "(info)"});
            if (g.get("defaultJit") instanceof Map<?, ?> dj) {
                rows.add(new String[] {"  the same with the JVM's default JIT (C2): idle CPU, first frame", String.format(Locale.ROOT,
                        "%.2f %%, %.0f ms", d(dj.get("idleCpuPercent")), d(dj.get("firstFrameMs"))), "-", "(info)"});
            }
        }
        if (r.containsKey("confirm")) {
            Map<String, Object> c = sub(r, "confirm", "latency");
            @SuppressWarnings("unchecked")
            List<Object> failures = (List<Object>) r.get("confirm").get("failures");
            rows.add(new String[] {"Last tracked lock deleted -> restart outcome (" + c.get("n") + " runs)",
                    String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms", d(c.get("p50")), d(c.get("p99"))), "p99 <= 50 ms",
                    (d(c.get("p99")) <= 50 && failures.isEmpty() ? "PASS" : "MISS") + (failures.isEmpty() ? "" : " (" + failures.size() + " failed)")});
        }
        if (r.containsKey("confirm")) {
            Map<String, Object> w = sub(r, "confirm", "latencyWithoutFirstRun");
            rows.add(new String[] {"  the same without the first run (cold JVM)", String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms",
                    d(w.get("p50")), d(w.get("p99"))), "-", "(info)"});
        }
        if (r.containsKey("cli")) {
            double m = d(r.get("cli").get("medianMs"));
            rows.add(new String[] {"CLI `scan --json EMPTYDIR`, median of " + sizes.get("cli-runs"), String.format(Locale.ROOT, "%.0f ms", m),
                    "<= 700 ms", m <= 700 ? "PASS" : "MISS"});
        }
        int[] w = new int[4];
        for (String[] row : rows) {
            for (int i = 0; i < 4; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < rows.size(); k++) {
            String[] row = rows.get(k);
            sb.append("| ");
            for (int i = 0; i < 4; i++) {
                sb.append(String.format("%-" + w[i] + "s", row[i])).append(" | ");
            }
            sb.setLength(sb.length() - 1);
            sb.append('\n');
            if (k == 0) {
                sb.append("|");
                for (int i = 0; i < 4; i++) {
                    sb.append("-".repeat(w[i] + 2)).append("|");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    m.put("cpu", line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal")) {
                    m.put("memTotalMb", Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        m.put("loadavgAtStart", loadavg());
        return m;
    }

    private static String loadavg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
