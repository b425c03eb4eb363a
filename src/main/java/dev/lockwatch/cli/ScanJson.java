package dev.lockwatch.cli;

import dev.lockwatch.lock.Holder;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.Reason;
import dev.lockwatch.lock.RootError;
import dev.lockwatch.lock.ScanResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes scripts rely on; field names and order are a contract (see README). */
public final class ScanJson {
    private ScanJson() {
    }

    public static Map<String, Object> scan(ScanResult result) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("scannedAt", result.scannedAt().toString());
        doc.put("staleAfterMs", result.staleAfter().toMillis());
        doc.put("roots", result.roots().stream().map(Object::toString).toList());
        doc.put("locks", result.locks().stream().map(ScanJson::lock).toList());
        doc.put("errors", result.errors().stream().map(ScanJson::error).toList());
        return doc;
    }

    public static Map<String, Object> lock(LockReport lock) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("path", lock.path().toString());
        json.put("session", lock.session());
        json.put("agent", lock.agent());
        json.put("pid", lock.pid());
        json.put("createdAt", lock.payload().createdAtRaw());
        json.put("ageMs", lock.ageMs());
        json.put("starttime", lock.payload().starttime());
        json.put("maxHoldMs", lock.payload().maxHoldMs());
        json.put("holder", holder(lock.holder()));
        json.put("verdict", lock.verdict().word());
        json.put("reasons", words(lock.reasons()));
        json.put("removable", lock.removable());
        json.put("note", lock.note());
        json.put("error", lock.error());
        return json;
    }

    static Map<String, Object> holder(Holder holder) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("alive", holder.alive());
        json.put("hostPid", holder.hostPid());
        json.put("pidNamespace", holder.pidNamespace());
        json.put("starttime", holder.starttime());
        json.put("command", holder.command());
        json.put("holdsOpen", holder.holdsOpen());
        return json;
    }

    private static Map<String, Object> error(RootError error) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("path", error.path().toString());
        json.put("error", error.error());
        return json;
    }

    public static List<String> words(List<Reason> reasons) {
        return reasons.stream().map(Reason::word).toList();
    }
}
