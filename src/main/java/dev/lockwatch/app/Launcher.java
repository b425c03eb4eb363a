package dev.lockwatch.app;

import dev.lockwatch.cli.Cli;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * The entry point of the jar and the installers. With arguments it runs the CLI and never starts the JavaFX
 * toolkit; with none it opens the window. (A main class that extends {@code Application} cannot be launched
 * from the class path, hence this plain class.)
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            LockwatchApp.launchGui(args);
            return;
        }
        Charset charset = System.console() != null ? System.console().charset() : Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true);
        System.exit(Cli.run(args, out, err));
    }
}
