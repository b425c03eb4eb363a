package dev.lockwatch.cli;

import dev.lockwatch.audit.AuditLog;
import dev.lockwatch.clean.CleanPolicy;
import dev.lockwatch.clean.Removal;
import dev.lockwatch.clean.SafeRemover;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.LockScanner;
import dev.lockwatch.lock.RootError;
import dev.lockwatch.lock.ScanResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import dev.lockwatch.engine.EngineAssembly;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "clean", mixinStandardHelpOptions = true,
        description = {"Remove stale locks (and orphaned ones with --include-orphaned), each only if it is still",
            "byte-identical to what was judged. Never removes a live or unresolved lock, or one still held open.",
            "Exit 0 when every candidate was removed (or would be, with --dry-run), 1 when some changed or",
            "could not be removed, 2 for a usage error or when no root could be read."})
final class CleanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dry-run", description = "Show what would be removed; remove nothing.")
    boolean dryRun;

    @Option(names = "--include-orphaned", description = "Also remove orphaned locks (live holder, file not held open).")
    boolean includeOrphaned;

    @Option(names = "--force-report-only", description = "Also remove locks stale only by too-old / hold-exceeded.")
    boolean forceReportOnly;

    @Mixin
    StaleAfterOption staleAfter;

    @Option(names = "--audit-log", paramLabel = "FILE", description = "Audit log (default: ${DEFAULT-VALUE}).")
    Path auditLog = AuditLog.defaultFile();

    @Mixin
    JsonOption json;

    @Mixin
    RootPaths paths;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScanCommand.Roots roots = paths.resolve();
        LockScanner scanner = EngineAssembly.forCli(roots.paths(), staleAfter.staleAfter).scanner();
        ScanResult scan = scanner.scan(roots.paths());
        List<RootError> errors = roots.withLookedAt(scan.errors());
        SafeRemover remover = new SafeRemover(scanner, new CleanPolicy(includeOrphaned, forceReportOnly),
                new AuditLog(auditLog, Clock.systemUTC()));
        List<Removal> results = new ArrayList<>();
        for (LockReport lock : scan.locks()) {
            results.add(remover.remove(lock, dryRun));
        }
        if (json.json) {
            out.println(Json.pretty(document(results, errors)));
        } else {
            for (Removal r : results) {
                if (r.outcome() != Removal.Outcome.KEPT || r.lock().verdict() != dev.lockwatch.lock.Verdict.LIVE) {
                    out.println(String.format("%-13s %s  (%s: %s)", r.word(), SafeText.terminal(r.lock().relativePath().toString()),
                            r.lock().verdict().word(), SafeText.terminal(r.detail())));
                }
            }
            out.println(summary(results));
        }
        errors.forEach(e -> err.println("lockwatch: " + SafeText.terminal(e.path().toString()) + ": " + SafeText.terminal(e.error())));
        if (scan.readableRoots() == 0) {
            return LockwatchCommand.USAGE;
        }
        boolean incomplete = results.stream().anyMatch(r -> r.outcome() == Removal.Outcome.CHANGED || r.outcome() == Removal.Outcome.FAILED);
        return incomplete ? LockwatchCommand.FOUND_PROBLEMS : LockwatchCommand.OK;
    }

    private Map<String, Object> document(List<Removal> results, List<RootError> errors) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("dryRun", dryRun);
        doc.put("auditLog", auditLog.toString());
        doc.put("results", results.stream().map(r -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("path", r.lock().path().toString());
            item.put("outcome", r.word());
            item.put("detail", r.detail());
            item.put("verdict", r.lock().verdict().word());
            item.put("reasons", ScanJson.words(r.lock().reasons()));
            return item;
        }).toList());
        doc.put("errors", errors.stream().map(e -> Map.of("path", e.path().toString(), "error", e.error())).toList());
        return doc;
    }

    private String summary(List<Removal> results) {
        Map<Removal.Outcome, Long> counts = new java.util.EnumMap<>(Removal.Outcome.class);
        results.forEach(r -> counts.merge(r.outcome(), 1L, Long::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(v + " " + k.name().toLowerCase().replace('_', ' ')));
        return results.size() + " locks: " + (parts.isEmpty() ? "nothing to do" : String.join(", ", parts))
                + (dryRun ? " (dry run: nothing removed)" : "");
    }
}
