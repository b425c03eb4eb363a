package dev.lockwatch.sqlite;

import dev.lockwatch.hold.AgentDbRow;
import dev.lockwatch.hold.StateDbRead;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent DBs of a state dir: those {@code agent_databases} lists (relative paths resolved against the state
 * dir) and every {@code agents/<id>/agent/openclaw-agent.sqlite} on disk, without following symlinked directories,
 * de-duplicated by normalized path (the table's entry wins). Stateless.
 */
public final class AgentDbFiles {
    static final String FILE_NAME = "openclaw-agent.sqlite";

    private AgentDbFiles() {
    }

    public static List<AgentDbFile> list(Path stateDir, StateDbRead state) {
        Map<Path, AgentDbFile> found = new LinkedHashMap<>();
        if (state != null) {
            for (AgentDbRow row : state.agentDbs()) {
                try {
                    Path p = stateDir.resolve(row.path()).toAbsolutePath().normalize();
                    found.putIfAbsent(p, new AgentDbFile(row.agentId(), p));
                } catch (InvalidPathException | NullPointerException e) {
                    // a path the table holds but this OS cannot name: nothing to read
                }
            }
        }
        Path agents = stateDir.resolve("agents");
        if (Files.isDirectory(agents, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> dirs = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(agents)) {
                ds.forEach(dirs::add);
            } catch (IOException e) {
                return List.copyOf(found.values());
            }
            dirs.sort(null);
            for (Path d : dirs) {
                Path agentDir = d.resolve("agent");
                Path db = agentDir.resolve(FILE_NAME);
                if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) && Files.isDirectory(agentDir, LinkOption.NOFOLLOW_LINKS)
                        && Files.exists(db, LinkOption.NOFOLLOW_LINKS)) {
                    Path p = db.toAbsolutePath().normalize();
                    found.putIfAbsent(p, new AgentDbFile(d.getFileName().toString(), p));
                }
            }
        }
        return List.copyOf(found.values());
    }
}
