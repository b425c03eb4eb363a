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
import javafx.util.StringConverter;

/**
 * A small line chart of lock counts per verdict over the last 15 minutes (x: minutes ago). The x axis grows
 * with the history up to the window, so the first minutes are readable too.
 */
public final class HistoryChartView {
    private static final List<Verdict> SHOWN = List.of(Verdict.STALE, Verdict.ORPHANED, Verdict.LIVE, Verdict.UNRESOLVED);
    private final LineChart<Number, Number> chart;
    private final NumberAxis x = new NumberAxis();
    private final NumberAxis y = new NumberAxis();
    private final Duration window;

    public HistoryChartView(ObservableList<VerdictHistory.Sample> history, Duration window) {
        this.window = window;
        x.setAutoRanging(false);
        x.setLabel("minutes ago");
        x.setUpperBound(0);
        y.setAutoRanging(false);
        y.setLowerBound(0);
        y.setMinorTickVisible(false);
        x.setMinorTickVisible(false);
        y.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return n.doubleValue() == Math.rint(n.doubleValue()) ? Long.toString(n.longValue()) : "";
            }

            @Override
            public Number fromString(String s) {
                return Double.valueOf(s);
            }
        });
        chart = new LineChart<>(x, y);
        chart.setId("verdict-history");
        chart.setTitle("Locks per verdict");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(true);
        chart.setPrefHeight(250);
        chart.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
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
        double spanMinutes = samples.isEmpty() ? 0 : Duration.between(samples.get(0).at(), latest).toMillis() / 60_000.0;
        double shown = Math.min(window.toMinutes(), Math.max(1, Math.ceil(spanMinutes)));
        x.setLowerBound(-shown);
        x.setTickUnit(shown <= 5 ? 1 : 5);
        int max = 0;
        for (int i = 0; i < SHOWN.size(); i++) {
            Verdict verdict = SHOWN.get(i);
            chart.getData().get(i).getData().setAll(samples.stream()
                    .map(s -> new XYChart.Data<Number, Number>(-Duration.between(s.at(), latest).toMillis() / 60_000.0, s.count(verdict)))
                    .toList());
            for (VerdictHistory.Sample s : samples) {
                max = Math.max(max, s.count(verdict));
            }
        }
        int top = Math.max(4, (int) Math.ceil(max * 1.2));
        y.setUpperBound(top);
        y.setTickUnit(Math.max(1, Math.ceil(top / 4.0)));
    }

    public LineChart<Number, Number> node() {
        return chart;
    }
}
