package dev.lockwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockwatch.lock.Holder;
import dev.lockwatch.lock.LockPayload;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.Reason;
import dev.lockwatch.lock.Verdict;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentReportTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @TempDir
    Path dir;

    private static LockReport lock(String name, String command) {
        Path path = Path.of("/state/agents/main/sessions").resolve(name);
        LockPayload payload = new LockPayload(BigInteger.valueOf(42), NOW.toString(), NOW.minusSeconds(90), null, null);
        return new LockReport(path, Path.of("/state"), payload, new byte[0], NOW, null, NOW,
                new Holder(true, 42L, "same", 1L, command, false, 0), Verdict.ORPHANED, List.of(Reason.NOT_HELD_OPEN), true, null, null);
    }

    @Test
    void untrustedNamesAndCommandLinesCannotInjectMarkupOrEscapes() {
        LockReport evil = lock("x|y](http://evil)<img src=x>\u001b[31m.jsonl.lock", "sh -c '`rm` *bold* <b>' \u001b]0;title\u0007");
        String md = new IncidentReport(NOW, null, List.of(new TimelineEntry(NOW, "added", evil.path(), "orphaned", List.of("not-held-open"))),
                List.of(evil), List.of(Path.of("/state"))).markdown();
        // nothing unescaped: every markup character in untrusted text carries a backslash
        assertThat(md).doesNotContain("\u001b").doesNotContain("\u0007")
                .doesNotContainPattern("(?<!\\\\)<img").doesNotContainPattern("(?<!\\\\)\\]\\(http")
                .doesNotContainPattern("(?<!\\\\)\\*bold").doesNotContainPattern("(?<!\\\\)`rm");
        assertThat(md).contains("x\\|y\\]\\(http\\:/evil\\)&lt;img src=x&gt;");
        // every table row keeps its six cells: no injected pipe splits a cell
        md.lines().filter(l -> l.startsWith("| /state")).forEach(l ->
                assertThat(l.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(7));
    }

    @Test
    void writesMarkdownAndJsonWhole() throws Exception {
        List<Path> files = ReportWriter.write(new IncidentReport(NOW, null, List.of(), List.of(lock("a.jsonl.lock", "node")),
                List.of(Path.of("/state"))), dir);
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("lockwatch-incident-20261128-120000.md", "lockwatch-incident-20261128-120000.json");
        assertThat(Files.readString(files.get(0))).contains("No restart was sent from this window.").contains("1 orphaned.");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(files.get(1).toFile()).get("counts").get("orphaned").asInt())
                .isEqualTo(1);
        try (var left = Files.list(dir)) {
            assertThat(left).hasSize(2); // no temp file left behind
        }
    }
}
