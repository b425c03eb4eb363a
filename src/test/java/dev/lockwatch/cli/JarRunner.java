package dev.lockwatch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code target/lockwatch.jar} as a separate JVM, as operators and scripts do. */
final class JarRunner {
    record Result(int exit, String out, String err) {
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("lockwatch.jar", "target/lockwatch.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("run `mvn package` first: no " + jar);
        }
        return jar;
    }

    static Result run(List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("lockwatch " + List.of(args) + " did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    static Result run(String... args) throws IOException, InterruptedException {
        return run(List.of(), args);
    }
}
