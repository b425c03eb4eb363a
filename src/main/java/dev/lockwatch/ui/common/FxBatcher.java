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
 * Coalesces items offered from any thread into batches delivered on the FX thread, at most one delivery
 * per {@code interval} however many items arrive: never one {@code Platform.runLater} per event.
 *
 * <p>Concurrency contract: {@link #offer} is thread-safe and never blocks. Deliveries are at least
 * {@code interval} apart: the first item after a quiet period is delivered at once (a single change shows
 * without delay), and items arriving within {@code interval} of a delivery wait for the next one, at
 * {@code interval} after it. Each delivery is one runnable handed to {@code fxExecutor}
 * ({@code Platform::runLater} in the app, a direct executor in tests), which drains everything queued so far
 * and calls the consumer once. Items keep their order.
 */
public final class FxBatcher<T> {
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastDelivery = System.nanoTime() - TimeUnit.HOURS.toNanos(1);
    private final ScheduledExecutorService scheduler;
    private final Executor fxExecutor;
    private final Duration interval;
    private final Consumer<List<T>> consumer;

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
            long wait = Math.max(0, lastDelivery + interval.toNanos() - System.nanoTime());
            scheduler.schedule(() -> fxExecutor.execute(this::deliver), wait, TimeUnit.NANOSECONDS);
        }
    }

    private void deliver() {
        lastDelivery = System.nanoTime();
        scheduled.set(false); // items arriving from now on schedule the next delivery, interval after this one
        List<T> batch = new ArrayList<>();
        for (T item; (item = queue.poll()) != null; ) {
            batch.add(item);
        }
        if (!batch.isEmpty()) {
            consumer.accept(batch);
        }
    }
}
