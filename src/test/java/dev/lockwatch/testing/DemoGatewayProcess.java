package dev.lockwatch.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Lockwatch's demo gateway as a separate JVM from the test class path (no jar needed): a real process that
 * writes a gateway lock and held session locks, and restarts in place on SIGUSR1.
 */
public final class DemoGatewayProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private DemoGatewayProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "demo-gateway-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    public static DemoGatewayProcess start(Path stateDir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.lockwatch.app.Launcher", "demo-gateway",
                "--state-dir", stateDir.toString()));
        command.addAll(List.of(args));
        DemoGatewayProcess demo = new DemoGatewayProcess(new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start());
        String ready = demo.awaitLine("ready");
        if (!ready.equals("ready pid=" + demo.pid())) {
            throw new IllegalStateException("unexpected first line: " + ready);
        }
        return demo;
    }

    public long pid() {
        return process.pid();
    }

    public String awaitLine(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
            if (line == null && !process.isAlive()) {
                throw new IllegalStateException("demo gateway exited with " + process.exitValue());
            }
        }
        throw new IllegalStateException("no line starting with " + prefix);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: it removes its locks
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
