package dev.lockwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code target/lockwatch.jar} run as a separate JVM, as an operator runs it, in the gateway's environment
 * ({@code HOME}, {@code TMPDIR}, {@code OPENCLAW_STATE_DIR}: the 2026.7 gateway lock is under {@code $TMPDIR}).
 */
final class Lockwatch {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(List<String> args, int exit, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("lockwatch " + args + " printed no JSON (exit " + exit + "):\n" + this, e);
            }
        }

        @Override
        public String toString() {
            return "lockwatch " + String.join(" ", args) + "\nexit " + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    private Lockwatch() {
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("lockwatch.jar", "target/lockwatch.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("run `mvn package` first: no " + jar);
        }
        return jar;
    }

    static Result run(OpenClawGateway gateway, String... args) throws IOException, InterruptedException {
        return run(gateway.env(), gateway.sandbox(), args);
    }

    static Result run(Map<String, String> env, Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("lockwatch " + List.of(args) + " did not finish within 5 min");
        }
        try {
            return new Result(List.of(args), p.exitValue(), new String(out.get(1, TimeUnit.MINUTES), StandardCharsets.UTF_8),
                    new String(err.get(1, TimeUnit.MINUTES), StandardCharsets.UTF_8));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("reading the output of lockwatch " + List.of(args), e);
        }
    }

    private static byte[] readAll(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
