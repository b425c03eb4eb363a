package dev.lockwatch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Writes lock files as OpenClaw does (pretty-printed JSON), in place so open file handles stay valid. */
public final class LockFiles {
    private LockFiles() {
    }

    public static Path sessionsDir(Path stateDir, String agent) throws IOException {
        return Files.createDirectories(stateDir.resolve("agents").resolve(agent).resolve("sessions"));
    }

    public static String payload(Object pid, Instant createdAt, Long starttime) {
        StringBuilder json = new StringBuilder("{\n  \"pid\": ").append(pid)
                .append(",\n  \"createdAt\": \"").append(createdAt).append('"');
        if (starttime != null) {
            json.append(",\n  \"starttime\": ").append(starttime);
        }
        return json.append("\n}").toString();
    }

    public static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content); // truncates in place: same inode
        return file;
    }

    public static Path write(Path file, Object pid, Instant createdAt, Long starttime) throws IOException {
        return write(file, payload(pid, createdAt, starttime));
    }
}
