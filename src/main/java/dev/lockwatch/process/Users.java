package dev.lockwatch.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The current user's uid and the name of a uid, from {@code /proc} and {@code /etc/passwd}, else {@code id}. */
public final class Users {
    private Users() {
    }

    /** The real uid of this process, or null where the platform has none (Windows). */
    public static Integer currentUid() {
        try {
            for (String line : ProcFiles.text(Path.of("/proc/self/status")).split("\n")) {
                if (line.startsWith("Uid:")) {
                    return Integer.valueOf(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: ask id
        }
        String id = run("id", "-u");
        try {
            return id == null ? null : Integer.valueOf(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The user name of {@code uid}, or null when unknown. */
    public static String nameOf(int uid) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.UTF_8)) {
                String[] fields = line.split(":", -1);
                if (fields.length > 2 && fields[2].equals(Integer.toString(uid)) && !fields[0].isEmpty()) {
                    return fields[0];
                }
            }
        } catch (IOException | RuntimeException e) {
            // no readable passwd (macOS keeps most users elsewhere): ask id
        }
        return run("id", "-nu", Integer.toString(uid));
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String text = new String(out, StandardCharsets.UTF_8).trim();
            return p.exitValue() == 0 && !text.isEmpty() ? text : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
