package dev.lockwatch.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Parameters;

/** The {@code PATH...} roots of scan, watch and clean (default: OpenClaw's state dirs). */
final class RootPaths {
    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "State dirs, sessions dirs, any dirs, or single lock files (default: the OpenClaw state dirs).")
    List<Path> paths = List.of();

    ScanCommand.Roots resolve() {
        return ScanCommand.Roots.resolve(paths);
    }
}
