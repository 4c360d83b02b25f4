package org.crystograph.api;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Where prediction requests read their structures and build their graphs: a fixed number of daemon threads with a
 * bounded queue, away from the HTTP worker threads, and the timer that enforces request deadlines.
 *
 * <p>Work handed to {@link #submit} can be taken back: completing or cancelling the returned future removes the work
 * from the queue, or interrupts the thread running it ({@code Future.cancel(true)}). Work that ignores the interrupt
 * keeps its thread until it ends, but nobody waits for it: the request has been answered, the threads are daemons,
 * and {@link #close} interrupts and leaves. Such work is counted ({@link #stuck}) and logged once it has run
 * {@link #STOP_GRACE} past its interrupt.
 */
final class GraphWorkers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GraphWorkers.class);
    /** How long interrupted work may go on before it is reported as not stopping. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final ThreadPoolExecutor pool;
    private final ScheduledThreadPoolExecutor timer;
    /** Cancelled work still running {@link #STOP_GRACE} after its interrupt. */
    private final AtomicInteger stuck = new AtomicInteger();

    /** One submitted piece of work and the future it completes. */
    private static final class Job<T> extends FutureTask<Void> {
        final CompletableFuture<T> result;

        Job(Runnable body, CompletableFuture<T> result) {
            super(body, null);
            this.result = result;
        }
    }

    /**
     * @param threads worker threads, at least 1
     * @param queueCapacity work that may wait for a thread, at least 1
     */
    GraphWorkers(int threads, int queueCapacity) {
        if (threads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("threads " + threads + " and queue capacity " + queueCapacity
                    + " must be at least 1");
        }
        pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), daemons("graph-worker-"));
        timer = new ScheduledThreadPoolExecutor(1, daemons("request-deadline-"));
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Runs work on a worker thread.
     *
     * @param work the work; it should give up when its thread is interrupted
     * @param discard receives the work's result when it arrives after the returned future was completed from outside
     *     (cancelled, or failed by its deadline), so that what the result holds can be released
     * @return completes with the work's result or failure; completing it from outside (cancel, deadline) takes the work
     *     out of the queue, or interrupts its thread when it has started
     * @throws RejectedExecutionException when the queue is full or the workers are stopped
     */
    <T> CompletableFuture<T> submit(Callable<T> work, Consumer<? super T> discard) {
        CompletableFuture<T> result = new CompletableFuture<>();
        AtomicBoolean started = new AtomicBoolean();
        AtomicBoolean finishing = new AtomicBoolean(); // the work itself completes result
        AtomicBoolean ended = new AtomicBoolean();
        AtomicBoolean reportedStuck = new AtomicBoolean();
        Job<T> job = new Job<>(() -> {
            started.set(true);
            try {
                if (result.isDone()) {
                    return; // completed from outside while it waited
                }
                T value;
                try {
                    value = work.call();
                } catch (Exception | Error e) {
                    finishing.set(true);
                    result.completeExceptionally(e);
                    return;
                }
                finishing.set(true);
                if (!result.complete(value)) {
                    discard.accept(value);
                }
            } finally {
                ended.set(true);
                if (reportedStuck.get()) {
                    stuck.decrementAndGet();
                    LOG.warn("an interrupted graph build ended at last");
                }
            }
        }, result);
        result.whenComplete((value, failure) -> {
            if (failure == null || finishing.get()) {
                return;
            }
            job.cancel(true); // interrupts it if running
            pool.remove(job);
            if (started.get() && !ended.get()) {
                try {
                    timer.schedule(() -> {
                        if (!ended.get() && reportedStuck.compareAndSet(false, true)) {
                            stuck.incrementAndGet();
                            LOG.warnf("a graph build still runs %d s after it was interrupted; it holds one of %d"
                                    + " graph threads until it ends", STOP_GRACE.toSeconds(), pool.getMaximumPoolSize());
                        }
                    }, STOP_GRACE.toNanos(), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException stopping) {
                    // closing: nothing left to report to
                }
            }
        });
        pool.execute(job);
        return result;
    }

    /**
     * Fails {@code answer} with {@code failure} once {@code timeout} has passed, unless it completes first.
     *
     * @throws RejectedExecutionException when the workers are stopped
     */
    void expire(CompletableFuture<?> answer, Duration timeout, Supplier<? extends Throwable> failure) {
        ScheduledFuture<?> alarm = timer.schedule(() -> {
            answer.completeExceptionally(failure.get());
        }, Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        answer.whenComplete((value, f) -> alarm.cancel(false));
    }

    /** Threads running work now. */
    int busy() {
        return pool.getActiveCount();
    }

    /** Work waiting for a thread. */
    int queued() {
        return pool.getQueue().size();
    }

    /** Cancelled work still running {@link #STOP_GRACE} after its interrupt (it ignores interrupts). */
    int stuck() {
        return stuck.get();
    }

    /** The number of worker threads. */
    int threads() {
        return pool.getMaximumPoolSize();
    }

    /**
     * Stops: interrupts running work and fails waiting work with {@link RejectedExecutionException}, without waiting
     * for either (the threads are daemons and do not keep the process alive).
     */
    @Override
    public void close() {
        List<Runnable> waiting = pool.shutdownNow();
        timer.shutdownNow();
        for (Runnable r : waiting) {
            if (r instanceof Job<?> job) {
                job.result.completeExceptionally(new RejectedExecutionException("the service is stopping"));
            }
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }
}
