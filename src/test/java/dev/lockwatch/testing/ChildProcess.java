package dev.lockwatch.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real child process for tests: started with bash, it prints one line when ready and then blocks on its
 * stdin, so it ends when the test closes it or when the JVM dies. Tests signal only children like these.
 */
public final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final String firstLine;

    private ChildProcess(Process process, String firstLine) {
        this.process = process;
        this.firstLine = firstLine;
    }

    /**
     * Runs {@code bash -c script arg0 args...}; the script must print one line when ready and then
     * {@code read -r _} (or exec something that never ends).
     */
    public static ChildProcess bash(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", script));
        command.addAll(List.of(args));
        return start(command);
    }

    public static ChildProcess start(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null) {
            throw new IOException("child " + command + " ended before it was ready");
        }
        return new ChildProcess(process, line);
    }

    /**
     * A process whose command line looks like OpenClaw's gateway ({@code .../openclaw.mjs ... gateway}) and
     * that holds {@code lockFile} open on fd 3, as every OpenClaw version does while it holds a lock.
     */
    public static ChildProcess openClawHolding(Path lockFile) throws IOException {
        return bash("exec 3<\"$1\"; echo ready; read -r _", "/opt/openclaw/openclaw.mjs", lockFile.toString(), "gateway");
    }

    /** A process that looks like OpenClaw but holds nothing open. */
    public static ChildProcess openClawIdle() throws IOException {
        return bash("echo ready; read -r _", "/opt/openclaw/openclaw.mjs", "gateway");
    }

    /** A process that is not OpenClaw (plain bash) holding {@code lockFile} open. */
    public static ChildProcess plainHolding(Path lockFile) throws IOException {
        return bash("exec 3<\"$0\"; echo ready; read -r _", lockFile.toString());
    }

    /** The pid of a child that has exited and been reaped: a dead pid. */
    public static long reapedPid() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("true").start();
        p.waitFor(10, TimeUnit.SECONDS);
        return p.pid();
    }

    public long pid() {
        return process.pid();
    }

    public String firstLine() {
        return firstLine;
    }

    /** Field 22 of /proc/PID/stat. */
    public long starttime() throws IOException {
        return starttimeOf(pid());
    }

    public static long starttimeOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 1).trim().split("\\s+");
        return Long.parseLong(fields[19]);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
