package dev.lockwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code lockwatch} command: with no subcommand the launcher opens the GUI instead. */
@Command(name = "lockwatch", mixinStandardHelpOptions = true, versionProvider = LockwatchCommand.Version.class,
        description = "Watch, judge and safely release OpenClaw session lock files.",
        subcommands = {ScanCommand.class, WatchCommand.class, GatewayCommand.class, DemoGatewayCommand.class,
            RestartCommand.class, CleanCommand.class, CommandLine.HelpCommand.class})
public final class LockwatchCommand {

    /** Exit codes shared by every subcommand. */
    public static final int OK = 0;
    public static final int FOUND_PROBLEMS = 1;
    public static final int USAGE = 2;

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lockwatch " + version()};
        }
    }

    public static String version() {
        String v = LockwatchCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
