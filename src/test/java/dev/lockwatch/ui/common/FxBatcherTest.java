package dev.lockwatch.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FxBatcherTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<Long> deliveries = new CopyOnWriteArrayList<>();
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private FxBatcher<Integer> batcher(Duration interval) {
        return new FxBatcher<>(scheduler, Runnable::run, interval, b -> {
            deliveries.add(System.nanoTime());
            batches.add(List.copyOf(b));
        });
    }

    private void awaitItems(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (batches.stream().mapToInt(List::size).sum() < n && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(n);
    }

    @Test
    void aSingleChangeAfterAQuietPeriodIsNotHeldBackAWholeInterval() throws Exception {
        FxBatcher<Integer> b = batcher(Duration.ofSeconds(5));
        long offered = System.nanoTime();
        b.offer(1);
        awaitItems(1);
        // delivered long before the interval (5 s) would have passed: the first item goes at once
        assertThat(TimeUnit.NANOSECONDS.toMillis(deliveries.get(0) - offered)).isLessThan(4_000);
    }

    @Test
    void deliveriesStayAnIntervalApartAndKeepOrder() throws Exception {
        FxBatcher<Integer> b = batcher(Duration.ofMillis(100));
        for (int i = 0; i < 2_000; i++) {
            b.offer(i);
            if (i % 100 == 0) {
                Thread.sleep(5);
            }
        }
        awaitItems(2_000);
        for (int i = 1; i < deliveries.size(); i++) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(deliveries.get(i) - deliveries.get(i - 1))).isGreaterThanOrEqualTo(95); // 100 less drain skew
        }
        assertThat(batches.stream().flatMap(List::stream).toList()).isSorted().hasSize(2_000);
        assertThat(batches.size()).isLessThan(20);
    }

    @Test
    void aSlowConsumerSpacesDeliveriesSoBatchesTakeAtMostAQuarterOfTheFxThread() throws Exception {
        FxBatcher<Integer> b = new FxBatcher<>(scheduler, Runnable::run, Duration.ofMillis(1), batch -> {
            deliveries.add(System.nanoTime());
            batches.add(List.copyOf(batch));
            try {
                Thread.sleep(20); // an expensive apply
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 300; i++) {
                b.offer(i);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        producer.start();
        producer.join();
        awaitItems(300);
        for (int i = 1; i < deliveries.size(); i++) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(deliveries.get(i) - deliveries.get(i - 1))).isGreaterThanOrEqualTo(70); // 80 less skew
        }
        assertThat(batches.stream().flatMap(List::stream).toList()).isSorted().hasSize(300);
    }

    @Test
    void aCheapConsumerGetsBatchesAFrameApartNotOnePerItem() throws Exception {
        FxBatcher<Integer> b = batcher(Duration.ofMillis(16));
        for (int i = 0; i < 500; i++) {
            b.offer(i);
            if (i % 10 == 0) {
                Thread.sleep(1);
            }
        }
        awaitItems(500);
        // Timestamps are taken in the consumer, after the delivery drained the queue while the producer kept adding:
        // that skews single gaps by a few ms, so the bound allows for it (one delivery per item would be ~0 ms apart).
        for (int i = 1; i < deliveries.size(); i++) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(deliveries.get(i) - deliveries.get(i - 1))).isGreaterThanOrEqualTo(10);
        }
        assertThat(batches.size()).isLessThan(100);
    }
}
