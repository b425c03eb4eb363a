package dev.lockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockwatch.gateway.GatewayInfo;
import dev.lockwatch.lock.Judge;
import dev.lockwatch.lock.JudgeSettings;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.LockScanner;
import dev.lockwatch.process.ProcessProbes;
import dev.lockwatch.process.RestartSignal;
import dev.lockwatch.restart.RestartPlan;
import dev.lockwatch.report.Markdown;
import dev.lockwatch.testing.ChildProcess;
import dev.lockwatch.testing.LockFiles;
import dev.lockwatch.watch.LockEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import dev.lockwatch.testing.Cases;
import dev.lockwatch.testing.Gen;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile file names, payload text and process command lines through every human output of the CLI (scan, clean,
 * watch, gateway, restart's plan) and its JSON: no terminal escape gets through, each lock stays on one line, and the
 * JSON still carries the exact names.
 */
class OutputSafetyTest {
    /** ESC sequences (clear screen, set title, OSC 8 link), C1 CSI, newline, CR, bidi override, backspace, Markdown/HTML. */
    static final List<String> HOSTILE = List.of(
            "clear\u001b[2J\u001b[H",
            "title\u001b]0;pwned\u0007",
            "link\u001b]8;;https:evil\u001b\\click\u001b]8;;\u001b\\", // no slash: names cannot hold one
            "csi\u009b31mred",
            "two\nlines",
            "carriage\rreturn",
            "bidi\u202egnp.exe",
            "back\bspace",
            "md [x](javascript:alert(1)) <img src=x onerror=alert(1)> **b** `c` |t| # h");

    @TempDir
    Path root;

    private long dead;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux");
        dead = ChildProcess.reapedPid();
    }

    @Test
    void scanCleanAndWatchPrintHostileNamesAsVisibleEscapesOnOneLineEach() throws Exception {
        Path sessions = LockFiles.sessionsDir(root, "main");
        for (String name : HOSTILE) {
            LockFiles.write(sessions.resolve(name + ".jsonl.lock"), dead, Instant.now(), null);
        }
        String scan = run("scan", root.toString());
        assertSafe(scan);
        assertThat(scan.split("\n", -1)).as("header, one line per lock, summary, final newline").hasSize(HOSTILE.size() + 3);
        assertThat(scan).contains("clear\\x1b[2J\\x1b[H", "two\\x0alines", "csi\\x9b31mred", "bidi\\u202egnp.exe");

        String clean = run("clean", "--dry-run", "--audit-log", root.resolveSibling(root.getFileName() + "-audit.jsonl").toString(),
                root.toString());
        assertSafe(clean);
        assertThat(clean.split("\n", -1)).hasSize(HOSTILE.size() + 2);

        String json = run("scan", "--json", root.toString());
        assertSafe(json);
        assertThat(json).doesNotContain("\u009b", "\u202e", "\u007f");
        JsonNode doc = new ObjectMapper().readTree(json);
        List<String> names = new ArrayList<>();
        doc.get("locks").forEach(l -> names.add(Path.of(l.get("path").asText()).getFileName().toString()));
        assertThat(names).as("JSON still carries the exact names").containsExactlyInAnyOrderElementsOf(
                HOSTILE.stream().map(n -> n + ".jsonl.lock").toList());

        // watch: the same reports as added / changed / removed lines
        LockScanner scanner = new LockScanner(ProcessProbes.forThisPlatform(), new Judge(JudgeSettings.DEFAULTS), Clock.systemUTC());
        List<LockReport> reports = scanner.scan(List.of(root)).locks();
        for (boolean asJson : new boolean[] {false, true}) {
            StringWriter out = new StringWriter();
            WatchOutput watch = new WatchOutput(asJson, new PrintWriter(out), ZoneOffset.UTC);
            List<LockEvent> events = new ArrayList<>();
            Instant at = Instant.now();
            reports.forEach(r -> events.add(new LockEvent.Added(r, at)));
            reports.forEach(r -> events.add(new LockEvent.Removed(r.path(), at)));
            watch.events(events);
            watch.errors(List.of(new dev.lockwatch.lock.RootError(root.resolve(HOSTILE.get(0)), HOSTILE.get(1))), at);
            assertSafe(out.toString());
            assertThat(out.toString().split("\n", -1)).hasSize(2 * HOSTILE.size() + 2);
        }
    }

    @Test
    void gatewayAndRestartPlanEscapeCommandLinesPathsAndVersions() {
        for (String hostile : HOSTILE) {
            GatewayInfo g = new GatewayInfo(root.resolve("gateway." + hostile + ".lock"), 4242L, 4242L, 5000L, Instant.now(),
                    hostile, "/home/u/" + hostile + "/openclaw.json", 18789, null, null, null, true, "pid 4242 " + hostile,
                    "2026.7." + hostile, "node /opt/openclaw.mjs gateway " + hostile, RestartSignal.SIGUSR1, Boolean.TRUE);
            String human = GatewayCommand.human(List.of(g), Instant.now());
            assertSafe(human);
            StringWriter out = new StringWriter();
            RestartCommand.printPlan(new RestartPlan(g, RestartSignal.SIGUSR1, List.of(), List.of("warning " + hostile), null),
                    new PrintWriter(out));
            assertSafe(out.toString());
            String json = Json.pretty(GatewayCommand.document(List.of(g)));
            assertSafe(json);
            assertThat(json).doesNotContain("\u009b", "\u202e");
        }
    }

    @Test
    void terminalTextNeverHoldsAControlCharacter() {
        Cases.check(20261130L, 2000, Gen.anyText(80), text -> {
            String safe = SafeText.terminal(text);
            assertThat(safe.codePoints()).noneMatch(OutputSafetyTest::isControl);
        });
    }

    @Test
    void markdownTextIsOneLineWithoutMarkupOrControls() {
        Cases.check(20261201L, 2000, Gen.anyText(80), OutputSafetyTest::markdownIsSafe);
    }

    private static void markdownIsSafe(String text) {
        String md = Markdown.escape(text);
        assertThat(md.codePoints()).noneMatch(OutputSafetyTest::isControl);
        assertThat(md).doesNotContain("<", ">", "\"");
        // every Markdown punctuation character is escaped: preceded by an odd number of backslashes
        for (int i = 0; i < md.length(); i++) {
            if ("`*_{}[]()#+-.!|~:'".indexOf(md.charAt(i)) >= 0) {
                int backslashes = 0;
                for (int j = i - 1; j >= 0 && md.charAt(j) == '\\'; j--) {
                    backslashes++;
                }
                assertThat(backslashes % 2).as("%s at %d in %s", md.charAt(i), i, md).isEqualTo(1);
            }
        }
    }

    @Test
    void markdownExamples() {
        assertThat(Markdown.escape("[x](javascript:alert(1))")).isEqualTo("\\[x\\]\\(javascript\\:alert\\(1\\)\\)");
        assertThat(Markdown.escape("<script>&amp;")).isEqualTo("&lt;script&gt;&amp;amp;");
        assertThat(Markdown.escape("a|b\nc")).isEqualTo("a\\|b\\\\x0ac");
        assertThat(Markdown.escape("\u001b[31m*bold*")).isEqualTo("\\\\x1b\\[31m\\*bold\\*");
        assertThat(Markdown.escape("# 1. - + `x` _y_ ~z~ !")).isEqualTo("\\# 1\\. \\- \\+ \\`x\\` \\_y\\_ \\~z\\~ \\!");
        assertThat(Markdown.escape(null)).isNull();
    }

    private static boolean isControl(int cp) {
        return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0x2028 || cp == 0x2029
                || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
    }

    /** Nothing a terminal interprets: only newlines end lines, no ESC, no C1, no other C0. */
    private static void assertSafe(String output) {
        assertThat(output.codePoints().filter(cp -> cp != '\n').filter(OutputSafetyTest::isControl).toArray())
                .as("control characters in:%n%s", output).isEmpty();
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Cli.run(args, new PrintWriter(out), new PrintWriter(err));
        assertSafe(err.toString());
        return out.toString();
    }
}
