package dev.lockwatch.cli;

import dev.lockwatch.lock.DefaultRoots;
import dev.lockwatch.lock.Judge;
import dev.lockwatch.lock.LockScanner;
import dev.lockwatch.lock.RootError;
import dev.lockwatch.lock.ScanResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import dev.lockwatch.engine.EngineAssembly;
import dev.lockwatch.source.StateDirHolds;
import dev.lockwatch.source.StateDirSource;
import java.nio.file.Files;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Judge every session lock under the given paths (default: the OpenClaw state dirs).",
            "Exit 0 when every lock is live, 1 when any is stale, orphaned, unresolved or unreadable,",
            "2 for a usage error or when no root could be read."})
final class ScanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StaleAfterOption staleAfter;

    @Mixin
    JsonOption json;

    @Mixin
    RootPaths paths;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Roots roots = paths.resolve();
        EngineAssembly engine = EngineAssembly.forCli(roots.paths(), staleAfter.staleAfter);
        ScanResult result = engine.scanner().scan(roots.paths());
        StateDirSource source = engine.stateDirSource();
        List<StateDirHolds> stateDirs = roots.paths().stream().filter(Files::isDirectory).map(source::read)
                .filter(StateDirHolds::sqliteEra).toList();
        List<RootError> errors = roots.withLookedAt(result.errors());
        ScanResult shown = new ScanResult(result.scannedAt(), result.staleAfter(), result.roots(), result.readableRoots(),
                result.locks(), errors);
        if (json.json) {
            Map<String, Object> doc = ScanJson.scan(shown);
            LegacyLocks.noteInert(doc, stateDirs);
            HoldJson.addTo(doc, stateDirs, result.scannedAt());
            out.println(Json.pretty(doc));
        } else {
            out.print(ScanTable.render(shown));
            out.print(HoldTable.render(stateDirs));
        }
        for (RootError e : errors) {
            err.println("lockwatch: " + SafeText.terminal(e.path().toString()) + ": " + SafeText.terminal(e.error()));
        }
        if (result.readableRoots() == 0) {
            return LockwatchCommand.USAGE;
        }
        boolean holdsFine = stateDirs.stream().allMatch(HoldVerdicts::allFine);
        return result.allLive() && holdsFine ? LockwatchCommand.OK : LockwatchCommand.FOUND_PROBLEMS;
    }

    /** The roots to scan: the paths given, or OpenClaw's default state dirs. */
    record Roots(List<Path> paths, List<Path> lookedAt) {
        static Roots resolve(List<Path> given) {
            if (!given.isEmpty()) {
                return new Roots(given, List.of());
            }
            Path home = Path.of(System.getProperty("user.home"));
            return new Roots(DefaultRoots.existing(System.getenv(), home), DefaultRoots.candidates(System.getenv(), home));
        }

        List<RootError> withLookedAt(List<RootError> errors) {
            if (!paths.isEmpty()) {
                return errors;
            }
            String where = String.join(", ", lookedAt.stream().map(Path::toString).toList());
            return List.of(new RootError(lookedAt.isEmpty() ? Path.of("~") : lookedAt.get(0),
                    "no OpenClaw state dir found (looked in " + where + "); pass a PATH"));
        }
    }
}
