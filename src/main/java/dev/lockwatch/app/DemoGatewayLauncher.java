package dev.lockwatch.app;

import dev.lockwatch.ui.DesktopActions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the demo gateway ({@code demo-gateway --mode leak}) as a child process in a scratch state dir, so a
 * new user sees the whole story: live locks, a restart, orphans, removal. The child is stopped (SIGTERM, it
 * removes its locks) when the window closes.
 */
public final class DemoGatewayLauncher implements DesktopActions.DemoStarter, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoGatewayLauncher.class);
    private final Executor worker;
    private final Executor fx;
    private final List<Process> started = new ArrayList<>();

    public DemoGatewayLauncher(Executor worker, Executor fx) {
        this.worker = worker;
        this.fx = fx;
    }

    @Override
    public void start(Consumer<Path> onReady, Consumer<String> onError) {
        worker.execute(() -> {
            try {
                Path state = Files.createTempDirectory("lockwatch-demo-");
                List<String> command = new ArrayList<>(selfCommand());
                command.addAll(List.of("demo-gateway", "--state-dir", state.toString(), "--sessions", "3", "--mode", "leak"));
                Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                synchronized (started) {
                    started.add(process);
                }
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                String ready = out.readLine();
                if (ready == null || !ready.startsWith("ready")) {
                    fx.execute(() -> onError.accept("the demo gateway did not start (exit " + exitOf(process) + ")"));
                    return;
                }
                Thread drain = new Thread(() -> drain(out), "lockwatch-demo-output");
                drain.setDaemon(true);
                drain.start();
                fx.execute(() -> onReady.accept(state));
            } catch (IOException e) {
                LOG.warn("cannot start the demo gateway", e);
                fx.execute(() -> onError.accept("cannot start the demo gateway: " + e.getMessage()));
            }
        });
    }

    /** How to run Lockwatch itself: the JVM with our class path, or the installer's launcher (no bin/java there). */
    private static List<String> selfCommand() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = System.getProperty("java.class.path");
        if (Files.isExecutable(java) && classPath != null && !classPath.isBlank()) {
            return List.of(java.toString(), "-cp", classPath, Launcher.class.getName());
        }
        return List.of(ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException("cannot find Lockwatch's launcher")));
    }

    private static String exitOf(Process p) {
        try {
            return p.waitFor(2, java.util.concurrent.TimeUnit.SECONDS) ? String.valueOf(p.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // restarted lines: nothing to do
            }
        } catch (IOException e) {
            // the demo ended
        }
    }

    @Override
    public void close() {
        synchronized (started) {
            started.forEach(Process::destroy);
        }
    }
}
