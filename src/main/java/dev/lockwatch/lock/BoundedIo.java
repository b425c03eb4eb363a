package dev.lockwatch.lock;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File reads that cannot hang their caller. Java cannot open with {@code O_NONBLOCK}, so a file swapped for a FIFO
 * between the type check and {@code open(2)} blocks the open until some writer appears, and a FIFO with a silent
 * writer blocks {@code read(2)}: any user who can write into a sessions dir could freeze scan, clean and the watcher.
 *
 * <p>Here the reads run on daemon worker threads, in order, one hand-off per batch (a scan's thousands of reads cost
 * one thread switch, not one each). The caller waits while the worker makes progress; a read that makes none for
 * {@link #limit()} is given up: its result is the caller's timeout value, the worker is abandoned (interrupted, which
 * breaks a blocked channel read), a FIFO now at that path is opened read-write once (never blocks on Linux) so a
 * blocked open returns, and the rest of the batch goes on on a fresh worker. At most {@value #MAX_STUCK} workers may
 * be stuck at once; beyond that reads are refused at once rather than piling up threads. Thread-safe.
 */
public final class BoundedIo {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedIo.class);
    static final int MAX_STUCK = 16;
    private static final Duration DEFAULT_LIMIT = Duration.ofSeconds(2);
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "lockwatch-reader-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private static final AtomicInteger STUCK = new AtomicInteger();
    private static volatile long limitNanos = DEFAULT_LIMIT.toNanos();

    /** One read that may throw. */
    @FunctionalInterface
    public interface Read<T> {
        T read(Path path) throws IOException;
    }

    /** What a read that was given up (or refused) returns instead. */
    @FunctionalInterface
    public interface GivenUp<T> {
        T result(Path path, String why);
    }

    private BoundedIo() {
    }

    /** How long one read may go without finishing before it is given up. */
    public static Duration limit() {
        return Duration.ofNanos(limitNanos);
    }

    /** For tests: a shorter limit. */
    static void setLimit(Duration limit) {
        limitNanos = limit.toNanos();
    }

    /** Workers abandoned and still blocked right now (tests and diagnostics). */
    static int stuck() {
        return STUCK.get();
    }

    /**
     * {@code read} of each path, in order, each bounded by {@link #limit()}. A read that throws, or is given up, yields
     * {@code givenUp}'s value instead (with the error's message, or why it was given up).
     */
    public static <T> List<T> each(List<Path> paths, Read<T> read, GivenUp<T> givenUp) {
        List<Object> raw = raw(paths, read);
        List<T> results = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            Object r = raw.get(i);
            if (r instanceof GaveUp g) {
                results.add(givenUp.result(paths.get(i), g.why()));
            } else if (r instanceof Failed f) {
                results.add(givenUp.result(paths.get(i), String.valueOf(f.e().getMessage())));
            } else {
                @SuppressWarnings("unchecked")
                T value = (T) r;
                results.add(value);
            }
        }
        return results;
    }

    /** One bounded read: its value, the {@link IOException} it threw, or one saying it was given up. */
    public static <T> T one(Path path, Read<T> read) throws IOException {
        Object r = raw(List.of(path), read).get(0);
        if (r instanceof GaveUp g) {
            throw new InterruptedIOException(path + ": " + g.why());
        }
        if (r instanceof Failed f) {
            throw f.e();
        }
        @SuppressWarnings("unchecked")
        T value = (T) r;
        return value;
    }

    private static List<Object> raw(List<Path> paths, Read<?> read) {
        List<Object> results = new ArrayList<>(paths.size());
        int next = 0;
        while (next < paths.size()) {
            if (STUCK.get() >= MAX_STUCK) {
                for (int i = next; i < paths.size(); i++) {
                    results.add(new GaveUp(MAX_STUCK + " earlier reads are still blocked (FIFOs swapped in?): not read"));
                }
                break;
            }
            Batch batch = new Batch(paths, next, read);
            try {
                WORKERS.execute(batch);
            } catch (RejectedExecutionException e) {
                results.add(new GaveUp("no reader thread"));
                next++;
                continue;
            }
            next = batch.await(results);
            if (next < 0) { // the caller was interrupted: give up the rest at once, keep its interrupt
                for (int i = results.size(); i < paths.size(); i++) {
                    results.add(new GaveUp("interrupted"));
                }
                break;
            }
        }
        return results;
    }

    private record GaveUp(String why) {
    }

    private record Failed(IOException e) {
    }

    /** Reads paths[from..] in order on one worker, publishing each result; the caller waits on it. */
    private static final class Batch implements Runnable {
        private final List<Path> paths;
        private final int from;
        private final Read<?> read;
        private final List<Object> done = new ArrayList<>(); // guarded by this: results of paths[from..from+size)
        private boolean abandoned; // guarded by this
        private Thread worker; // guarded by this

        Batch(List<Path> paths, int from, Read<?> read) {
            this.paths = paths;
            this.from = from;
            this.read = read;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (abandoned) {
                    return;
                }
                worker = Thread.currentThread();
            }
            try {
                for (int i = from; i < paths.size(); i++) {
                    Object result;
                    try {
                        result = read.read(paths.get(i));
                    } catch (IOException e) {
                        result = new Failed(e);
                    } catch (RuntimeException e) {
                        result = new Failed(new IOException(e.toString(), e));
                    }
                    synchronized (this) {
                        if (abandoned) {
                            return;
                        }
                        done.add(result);
                        notifyAll();
                    }
                }
            } finally {
                synchronized (this) {
                    if (abandoned && worker != null) {
                        STUCK.decrementAndGet();
                    }
                    worker = null;
                }
            }
        }

        /** Collects results until the batch ends or stalls; returns the index to go on from, or -1 when interrupted. */
        int await(List<Object> results) {
            int total = paths.size() - from;
            int taken = 0;
            long limit = limitNanos;
            long deadline = System.nanoTime() + limit;
            boolean interrupted = false;
            try {
                synchronized (this) {
                    while (true) {
                        while (taken < done.size()) {
                            results.add(done.get(taken++));
                            deadline = System.nanoTime() + limit;
                        }
                        if (taken == total) {
                            return paths.size();
                        }
                        if (interrupted) {
                            abandon();
                            return -1;
                        }
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            Path stalled = paths.get(from + taken);
                            abandon();
                            LOG.warn("reading {} did not finish within {} ms: given up (a FIFO swapped in?)", Printable.terminal(stalled),
                                    TimeUnit.NANOSECONDS.toMillis(limit));
                            unblockLater(stalled);
                            results.add(new GaveUp("reading did not finish within "
                                    + TimeUnit.NANOSECONDS.toMillis(limit) + " ms (a FIFO or device swapped in while it was opened?)"));
                            return from + taken + 1;
                        }
                        try {
                            TimeUnit.NANOSECONDS.timedWait(this, left);
                        } catch (InterruptedException e) {
                            interrupted = true; // the caller is being stopped: give up now
                        }
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Caller holds this monitor: no result is taken after this, and a blocked worker is interrupted. */
        private void abandon() {
            abandoned = true;
            if (worker != null) {
                STUCK.incrementAndGet();
                worker.interrupt(); // breaks a blocked channel read
            }
        }
    }

    /** If a FIFO sits at {@code path}, opens it read-write once (which never blocks on Linux): a blocked open returns. */
    private static void unblockLater(Path path) {
        Thread thread = new Thread(() -> {
            try {
                Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                if (mode instanceof Integer m && (m & S_IFMT) == S_IFIFO) {
                    try (FileChannel ignored = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS)) {
                        // opened as reader and writer: the blocked reader's open returns, and it reads EOF once we close
                    }
                }
            } catch (IOException | RuntimeException e) {
                // gone or not a FIFO any more: nothing to unblock here
            }
        }, "lockwatch-fifo-unblock");
        thread.setDaemon(true);
        thread.start();
    }
}
