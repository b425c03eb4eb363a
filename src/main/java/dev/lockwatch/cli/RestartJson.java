package dev.lockwatch.cli;

import dev.lockwatch.lock.LockReport;
import dev.lockwatch.restart.RestartPlan;
import dev.lockwatch.restart.RestartReport;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON of {@code restart} (a contract, see README). */
final class RestartJson {
    private RestartJson() {
    }

    static Map<String, Object> report(RestartReport r) {
        RestartPlan plan = r.plan();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("gateway", plan.gateway() == null ? null : GatewayCommand.json(plan.gateway()));
        doc.put("signal", plan.signal() == null ? null : plan.signal().name());
        doc.put("signalledAt", r.signalledAt() == null ? null : r.signalledAt().toString());
        doc.put("tracked", plan.tracked().stream().map(l -> l.path().toString()).toList());
        doc.put("released", r.released().stream().map(x -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", x.path().toString());
            m.put("afterMs", x.afterMs());
            return m;
        }).toList());
        doc.put("survivors", r.survivors().stream().map(RestartJson::survivor).toList());
        if (r.gatewayAfter() == null) {
            doc.put("gatewayAfter", null);
        } else {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("pid", r.gatewayAfter().pid());
            after.put("samePid", r.gatewayAfter().samePid());
            after.put("restartedAt", r.gatewayAfter().restartedAt() == null ? null : r.gatewayAfter().restartedAt().toString());
            doc.put("gatewayAfter", after);
        }
        doc.put("elapsedMs", r.elapsedMs());
        doc.put("outcome", r.outcome().word());
        doc.put("message", r.message());
        doc.put("warnings", plan.warnings());
        return doc;
    }

    private static Map<String, Object> survivor(LockReport s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", s.path().toString());
        m.put("verdict", s.verdict().word());
        m.put("reasons", ScanJson.words(s.reasons()));
        m.put("note", s.note());
        m.put("removable", s.removable());
        return m;
    }
}
