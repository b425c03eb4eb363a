package dev.lockwatch.ui.history;

import dev.lockwatch.lock.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/** A small line chart of lock counts per verdict over the last 15 minutes (x: minutes ago). */
public final class HistoryChartView {
    private static final List<Verdict> SHOWN = List.of(Verdict.STALE, Verdict.ORPHANED, Verdict.LIVE, Verdict.UNRESOLVED);
    private final LineChart<Number, Number> chart;

    public HistoryChartView(ObservableList<VerdictHistory.Sample> history, Duration window) {
        NumberAxis x = new NumberAxis(-window.toMinutes(), 0, 5);
        x.setLabel("minutes ago");
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(true);
        y.setMinorTickVisible(false);
        chart = new LineChart<>(x, y);
        chart.setId("verdict-history");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(true);
        chart.setPrefHeight(170);
        chart.setMinHeight(140);
        for (Verdict v : SHOWN) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(v.word());
            chart.getData().add(series);
        }
        history.addListener((ListChangeListener<VerdictHistory.Sample>) c -> redraw(history));
        redraw(history);
    }

    private void redraw(List<VerdictHistory.Sample> samples) {
        Instant latest = samples.isEmpty() ? Instant.EPOCH : samples.get(samples.size() - 1).at();
        for (int i = 0; i < SHOWN.size(); i++) {
            Verdict verdict = SHOWN.get(i);
            chart.getData().get(i).getData().setAll(samples.stream()
                    .map(s -> new XYChart.Data<Number, Number>(-Duration.between(s.at(), latest).toMillis() / 60_000.0, s.count(verdict)))
                    .toList());
        }
    }

    public LineChart<Number, Number> node() {
        return chart;
    }
}
