package dev.lockwatch.ui.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Coalesces items offered from any thread into batches delivered on the FX thread: never one
 * {@code Platform.runLater} per event, and never more than one waiting at a time.
 *
 * <p>Concurrency contract: {@link #offer} is thread-safe and never blocks. At most one delivery is pending at
 * any moment; each is one runnable handed to {@code fxExecutor} ({@code Platform::runLater} in the app, a
 * direct executor in tests), which drains everything queued so far and calls the consumer once. Items keep
 * their order. Deliveries start at least {@code interval} apart, and at least four times as long apart as the
 * consumer took last time, so batches never take more than about a quarter of the FX thread however fast
 * items arrive. The first item after a quiet period is delivered at once, handed over on the offering thread.
 */
public final class FxBatcher<T> {
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastDelivery = System.nanoTime() - TimeUnit.HOURS.toNanos(1);
    private volatile long lastCost;
    private final ScheduledExecutorService scheduler;
    private final Executor fxExecutor;
    private final Duration interval;
    private final Consumer<List<T>> consumer;
    /** A delivery that took t keeps the next one at least this many times t away: at most ~1/4 of the FX thread. */
    private static final long DUTY_FACTOR = 4;

    public FxBatcher(ScheduledExecutorService scheduler, Executor fxExecutor, Duration interval, Consumer<List<T>> consumer) {
        this.scheduler = scheduler;
        this.fxExecutor = fxExecutor;
        this.interval = interval;
        this.consumer = consumer;
    }

    public void offer(T item) {
        queue.add(item);
        scheduleIfIdle();
    }

    public void offerAll(List<? extends T> items) {
        queue.addAll(items);
        scheduleIfIdle();
    }

    private void scheduleIfIdle() {
        if (scheduled.compareAndSet(false, true)) {
            long gap = Math.max(interval.toNanos(), DUTY_FACTOR * lastCost);
            long wait = lastDelivery + gap - System.nanoTime();
            if (wait <= 0) {
                fxExecutor.execute(this::deliver);
            } else {
                scheduler.schedule(() -> fxExecutor.execute(this::deliver), wait, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void deliver() {
        long start = System.nanoTime();
        lastDelivery = start;
        scheduled.set(false); // items arriving from now on schedule the next delivery
        List<T> batch = new ArrayList<>();
        for (T item; (item = queue.poll()) != null; ) {
            batch.add(item);
        }
        if (!batch.isEmpty()) {
            try {
                consumer.accept(batch);
            } finally {
                lastCost = System.nanoTime() - start;
            }
        }
    }
}
