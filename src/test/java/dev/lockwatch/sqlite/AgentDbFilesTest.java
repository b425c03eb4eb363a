package dev.lockwatch.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockwatch.hold.AgentDbRow;
import dev.lockwatch.hold.DatabaseFacts;
import dev.lockwatch.hold.DbKind;
import dev.lockwatch.hold.StateDbRead;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentDbFilesTest {
    @TempDir
    Path state;

    private Path agentDb(Path root, String agent) throws Exception {
        Path dir = Files.createDirectories(root.resolve("agents").resolve(agent).resolve("agent"));
        return Files.writeString(dir.resolve("openclaw-agent.sqlite"), "x");
    }

    private static StateDbRead withRows(AgentDbRow... rows) {
        return new StateDbRead(DatabaseFacts.failed(Path.of("s"), DbKind.STATE, "n/a"), List.of(), List.of(), List.of(rows), List.of());
    }

    @Test
    void tableEntriesAndDiskEntriesAreMergedByNormalizedPath() throws Exception {
        Path main = agentDb(state, "main");
        Path work = agentDb(state, "work");
        Path elsewhere = Files.createDirectories(state.resolve("elsewhere"));
        Path abs = elsewhere.resolve("x.sqlite");
        List<AgentDbFile> files = AgentDbFiles.list(state, withRows(
                new AgentDbRow("main", "agents/main/./agent/openclaw-agent.sqlite", 23, 1L),
                new AgentDbRow("ops", abs.toString(), 23, 1L)));
        assertThat(files).containsExactly(
                new AgentDbFile("main", main.toAbsolutePath().normalize()),
                new AgentDbFile("ops", abs.toAbsolutePath().normalize()),
                new AgentDbFile("work", work.toAbsolutePath().normalize()));
    }

    @Test
    void symlinkedAgentDirsAreNotFollowedButASymlinkedFileIsListedForSafeOpenToRefuse() throws Exception {
        Path outside = Files.createDirectories(state.resolve("outside"));
        agentDb(outside, "evil");
        Files.createDirectories(state.resolve("agents"));
        Files.createSymbolicLink(state.resolve("agents/evil"), outside.resolve("agents/evil"));
        Path linkedAgentDir = Files.createDirectories(state.resolve("agents/half"));
        Files.createSymbolicLink(linkedAgentDir.resolve("agent"), outside.resolve("agents/evil/agent"));
        Path own = Files.createDirectories(state.resolve("agents/own/agent"));
        Path fileLink = Files.createSymbolicLink(own.resolve("openclaw-agent.sqlite"), outside.resolve("agents/evil/agent/openclaw-agent.sqlite"));
        Files.createDirectories(state.resolve("agents/empty/agent"));
        assertThat(AgentDbFiles.list(state, null)).containsExactly(new AgentDbFile("own", fileLink.toAbsolutePath().normalize()));
    }

    @Test
    void noAgentsDirMeansOnlyTheTableEntries() {
        assertThat(AgentDbFiles.list(state, withRows())).isEmpty();
        assertThat(AgentDbFiles.list(state, withRows(new AgentDbRow("a", "db/a.sqlite", 23, 1L))))
                .containsExactly(new AgentDbFile("a", state.resolve("db/a.sqlite").toAbsolutePath().normalize()));
    }
}
