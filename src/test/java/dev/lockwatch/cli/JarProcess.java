package dev.lockwatch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The packaged jar as a long-running process ({@code watch}): its stdout read line by line as the lines come,
 * its stderr collected. Closing it kills it if it is still running.
 */
final class JarProcess implements AutoCloseable {
    private static final String EOF = new String("<end of output>");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final StringBuffer err = new StringBuffer();

    private JarProcess(Process process) {
        this.process = process;
        daemon("jar-stdout", () -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process is gone
            } finally {
                lines.add(EOF);
            }
        });
        daemon("jar-stderr", () -> {
            try (InputStream in = process.getErrorStream()) {
                byte[] buffer = new byte[4096];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    err.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the process is gone
            }
        });
    }

    static JarProcess start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(JarRunner.jar().toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        return new JarProcess(p);
    }

    /** The next line, waiting up to {@code timeout}; fails when the output ends or nothing comes. */
    String nextLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no output line within " + timeout + "; lines so far: " + seen + "; stderr: " + err);
        }
        if (line == EOF) {
            lines.add(EOF);
            throw new AssertionError("the output ended; lines so far: " + seen + "; stderr: " + err);
        }
        seen.add(line);
        return line;
    }

    /** Reads lines until one matches, returning it; the lines skipped stay in {@link #seen()}. */
    String awaitLine(Predicate<String> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching line within " + timeout + "; lines so far: " + seen + "; stderr: " + err);
            }
            String line = nextLine(Duration.ofNanos(left));
            if (matches.test(line)) {
                return line;
            }
        }
    }

    List<String> seen() {
        return List.copyOf(seen);
    }

    String err() {
        return err.toString();
    }

    Process process() {
        return process;
    }

    /** SIGTERM on Unix ({@link Process#destroy()}), then waits for the exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return waitFor(timeout);
    }

    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("lockwatch did not exit within " + timeout + "; stderr: " + err);
        }
        return process.exitValue();
    }

    /** The rest of stdout after the process has exited. */
    List<String> remainingLines(Duration timeout) throws InterruptedException {
        List<String> rest = new ArrayList<>();
        while (true) {
            String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null || line == EOF) {
                return rest;
            }
            seen.add(line);
            rest.add(line);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
