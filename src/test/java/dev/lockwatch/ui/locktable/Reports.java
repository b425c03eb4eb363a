package dev.lockwatch.ui.locktable;

import dev.lockwatch.lock.Holder;
import dev.lockwatch.lock.LockPayload;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.Reason;
import dev.lockwatch.lock.Verdict;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Lock reports built in memory, for view-model tests that need no disk. */
final class Reports {
    static final Path ROOT = Path.of("/state");

    private Reports() {
    }

    static LockReport report(String session, Verdict verdict, Instant createdAt, long pid, Reason... reasons) {
        Path path = ROOT.resolve("agents/main/sessions/" + session + ".jsonl.lock");
        LockPayload payload = new LockPayload(BigInteger.valueOf(pid), createdAt.toString(), createdAt, null, null);
        Holder holder = new Holder(true, pid, "same", 1L, "node /opt/openclaw/openclaw.mjs gateway", true, 0);
        return new LockReport(path, ROOT, payload, ("{\"pid\":" + pid + "}").getBytes(StandardCharsets.UTF_8), createdAt, null,
                createdAt, holder, verdict, List.of(reasons), verdict == Verdict.STALE, null, null);
    }
}
