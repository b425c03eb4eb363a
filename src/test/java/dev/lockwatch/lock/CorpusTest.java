package dev.lockwatch.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockwatch.process.FileIdentity;
import dev.lockwatch.process.ProcessProbe;
import dev.lockwatch.process.ProcessState;
import dev.lockwatch.testing.LockFiles;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked-in corpus of nasty lock files ({@code src/test/resources/corpus/}) and the verdict each must get, from
 * the table {@code corpus/verdicts.tsv}. Every file goes through the real path: discovery, {@link LockFileReader},
 * {@link PayloadParser}, {@link Judge}, with a fixed clock and a fixed process table.
 */
class CorpusTest {
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    /** pid 100: OpenClaw (starttime 5000, open files unknown); pid 300: bash; every other pid dead. */
    static final ProcessProbe PROBE = new ProcessProbe() {
        @Override
        public long maxPid() {
            return 4_194_304L;
        }

        @Override
        public ProcessState state(long pid) {
            if (pid == 100) {
                return new ProcessState(true, 5000L, List.of("node", "/opt/openclaw/openclaw.mjs", "gateway"), 1000);
            }
            return pid == 300 ? new ProcessState(true, 9000L, List.of("bash"), 1000) : ProcessState.DEAD;
        }

        @Override
        public Set<FileIdentity> openFiles(long pid) {
            return null;
        }

        @Override
        public Map<Long, List<Long>> nestedPidIndex() {
            return Map.of();
        }
    };

    @TempDir
    Path state;

    record Row(String file, Verdict verdict, List<Reason> reasons, String why) {
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyCorpusFileGetsTheVerdictInTheTable() throws Exception {
        Path corpus = Path.of(CorpusTest.class.getResource("/corpus/verdicts.tsv").toURI()).getParent();
        Map<String, Row> table = table(corpus.resolve("verdicts.tsv"));
        Set<String> files;
        try (Stream<Path> list = Files.list(corpus)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> !n.equals("verdicts.tsv")).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(files).as("every corpus file has a row and every row a file").isEqualTo(new TreeSet<>(table.keySet()));

        Path sessions = LockFiles.sessionsDir(state, "main");
        FileTime old = FileTime.from(NOW.minusSeconds(7200));
        for (String name : files) {
            Path lock = Files.copy(corpus.resolve(name), sessions.resolve(lockName(name)));
            Files.setLastModifiedTime(lock, old);
        }
        // generated, never committed: a 100 MB sparse file must be refused by its size, without reading it
        Path sparse = sessions.resolve("sparse-100MB.jsonl.lock");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(100L * 1024 * 1024);
        }
        table.put("sparse-100MB", new Row("sparse-100MB", Verdict.UNREADABLE, List.of(Reason.TOO_LARGE), "100 MB sparse file"));

        long started = System.nanoTime();
        ScanResult result = new LockScanner(PROBE, new Judge(JudgeSettings.DEFAULTS), Clock.fixed(NOW, ZoneOffset.UTC)).scan(List.of(state));
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).as("seconds to scan the corpus").isLessThan(20);
        assertThat(result.errors()).isEmpty();

        Map<String, LockReport> byName = result.locks().stream().collect(Collectors.toMap(LockReport::session, Function.identity()));
        assertThat(byName.keySet()).hasSize(files.size() + 1);
        for (Row row : table.values()) {
            String session = row.file().endsWith(".json") ? row.file().substring(0, row.file().length() - 5) : row.file();
            LockReport report = byName.get(session);
            assertThat(report).as(row.file()).isNotNull();
            assertThat(report.verdict()).as("verdict of %s (%s)", row.file(), row.why()).isEqualTo(row.verdict());
            assertThat(report.reasons()).as("reasons of %s (%s)", row.file(), row.why()).isEqualTo(row.reasons());
            if (row.verdict() == Verdict.UNREADABLE) {
                assertThat(report.removable()).isFalse();
                assertThat(report.raw()).isEmpty();
            }
        }
    }

    private static String lockName(String file) {
        return (file.endsWith(".json") ? file.substring(0, file.length() - 5) : file) + LockReport.SUFFIX;
    }

    private static Map<String, Row> table(Path tsv) throws Exception {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            assertThat(f).as("row %s", line).hasSize(4);
            List<Reason> reasons = f[2].equals("-") ? List.of() : Arrays.stream(f[2].split(",")).map(CorpusTest::reason).toList();
            rows.put(f[0], new Row(f[0], Verdict.valueOf(f[1].toUpperCase(java.util.Locale.ROOT)), reasons, f[3]));
        }
        return rows;
    }

    private static Reason reason(String word) {
        return Arrays.stream(Reason.values()).filter(r -> r.word().equals(word)).findFirst()
                .orElseThrow(() -> new AssertionError("unknown reason " + word));
    }
}
