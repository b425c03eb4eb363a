package dev.lockwatch.ui.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockwatch.audit.AuditReader;
import dev.lockwatch.report.IncidentReport;
import dev.lockwatch.report.ReportWriter;
import dev.lockwatch.restart.RestartReport;
import dev.lockwatch.ui.locktable.LockRow;
import dev.lockwatch.ui.locktable.LockTableViewModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The audit log view and the incident report export. FX thread only; file I/O runs on {@code worker}.
 */
public final class ReportViewModel {
    private final LockTableViewModel table;
    private final Supplier<List<Path>> roots;
    private final Path auditFile;
    private final Executor worker;
    private final Executor fx;
    private final Clock clock;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ObservableList<JsonNode> audit = FXCollections.observableArrayList();
    private final ObservableList<JsonNode> auditView = FXCollections.unmodifiableObservableList(audit);
    private RestartReport lastRestart;

    public ReportViewModel(LockTableViewModel table, Supplier<List<Path>> roots, Path auditFile, Executor worker, Executor fx, Clock clock) {
        this.table = table;
        this.roots = roots;
        this.auditFile = auditFile;
        this.worker = worker;
        this.fx = fx;
        this.clock = clock;
    }

    /** Remembers the last restart for the report (FX thread). */
    public Consumer<RestartReport> restartListener() {
        return r -> lastRestart = r;
    }

    /** Writes the Markdown and JSON report into {@code dir}. */
    public void export(Path dir) {
        IncidentReport report = new IncidentReport(clock.instant(), lastRestart, table.timeline(),
                table.allRows().stream().map(LockRow::report).toList(), roots.get());
        status.set("Writing the report…");
        worker.execute(() -> {
            String result;
            try {
                List<Path> files = ReportWriter.write(report, dir);
                result = "Report written: " + files.get(0) + " and " + files.get(1).getFileName();
            } catch (IOException | RuntimeException e) {
                result = "Could not write the report into " + dir + ": " + e.getMessage();
            }
            String text = result;
            fx.execute(() -> status.set(text));
        });
    }

    /** Loads the last records of the audit log (newest first) into {@link #audit()}. */
    public void loadAudit() {
        worker.execute(() -> {
            List<JsonNode> records;
            try {
                records = AuditReader.tail(auditFile);
            } catch (IOException e) {
                fx.execute(() -> status.set("Cannot read the audit log " + auditFile + ": " + e.getMessage()));
                return;
            }
            List<JsonNode> newestFirst = new java.util.ArrayList<>(records);
            java.util.Collections.reverse(newestFirst);
            fx.execute(() -> audit.setAll(newestFirst));
        });
    }

    public Path auditFile() {
        return auditFile;
    }

    public ObservableList<JsonNode> audit() {
        return auditView;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
