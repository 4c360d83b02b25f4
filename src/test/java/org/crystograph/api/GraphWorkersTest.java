package org.crystograph.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The graph threads of the prediction endpoints: work is interrupted when its answer is cancelled or its deadline
 * passes, taken out of the queue before it starts, and never waited for when it ignores the interrupt.
 */
class GraphWorkersTest {

    /** Generous bound for a thread to react on a busy two-core machine. */
    private static final long REACT_SECONDS = 10;

    /** Work that runs until its thread is interrupted and then reports it. */
    private static final class UntilInterrupted {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);

        String run() {
            started.countDown();
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
            interrupted.countDown();
            return "stopped";
        }
    }

    @Test
    void cancellingTheAnswer_interruptsTheThreadRunningItsWork() throws Exception {
        try (GraphWorkers workers = new GraphWorkers(1, 4)) {
            UntilInterrupted work = new UntilInterrupted();
            CompletableFuture<String> f = workers.submit(work::run, r -> { });
            assertThat(work.started.await(REACT_SECONDS, TimeUnit.SECONDS)).isTrue();
            f.cancel(false);
            assertThat(work.interrupted.await(REACT_SECONDS, TimeUnit.SECONDS)).as("interrupted").isTrue();
        }
    }

    @Test
    void deadline_failsTheAnswerWithoutWaitingForTheWork_andInterruptsIt() throws Exception {
        try (GraphWorkers workers = new GraphWorkers(1, 4)) {
            UntilInterrupted work = new UntilInterrupted();
            CompletableFuture<String> f = workers.submit(work::run, r -> { });
            long t0 = System.nanoTime();
            workers.expire(f, Duration.ofMillis(200), () -> new IllegalStateException("deadline"));
            assertThatThrownBy(() -> f.get(REACT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("deadline");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(work.interrupted.await(REACT_SECONDS, TimeUnit.SECONDS)).as("interrupted").isTrue();
        }
    }

    @Test
    void answerCompletedFirst_cancelsItsDeadline() throws Exception {
        try (GraphWorkers workers = new GraphWorkers(1, 4)) {
            CompletableFuture<String> f = workers.submit(() -> "done", r -> { });
            workers.expire(f, Duration.ofMillis(100), () -> new IllegalStateException("deadline"));
            assertThat(f.get(REACT_SECONDS, TimeUnit.SECONDS)).isEqualTo("done");
            Thread.sleep(300);
            assertThat(f.isCompletedExceptionally()).isFalse();
        }
    }

    @Test
    void workCancelledWhileWaiting_neverRuns() throws Exception {
        try (GraphWorkers workers = new GraphWorkers(1, 4)) {
            UntilInterrupted blocker = new UntilInterrupted();
            CompletableFuture<String> first = workers.submit(blocker::run, r -> { });
            assertThat(blocker.started.await(REACT_SECONDS, TimeUnit.SECONDS)).isTrue();
            AtomicBoolean ran = new AtomicBoolean();
            CompletableFuture<String> second = workers.submit(() -> {
                ran.set(true);
                return "ran";
            }, r -> { });
            assertThat(workers.queued()).isEqualTo(1);
            second.cancel(false);
            assertThat(workers.queued()).as("taken out of the queue").isZero();
            first.cancel(false);
            assertThat(blocker.interrupted.await(REACT_SECONDS, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<String> third = workers.submit(() -> "third", r -> { });
            assertThat(third.get(REACT_SECONDS, TimeUnit.SECONDS)).isEqualTo("third");
            assertThat(ran).isFalse();
        }
    }

    @Test
    void resultArrivingAfterTheAnswerWasCancelled_isHandedToDiscard() throws Exception {
        try (GraphWorkers workers = new GraphWorkers(1, 4)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<String> discarded = new AtomicReference<>();
            CountDownLatch wasDiscarded = new CountDownLatch(1);
            CompletableFuture<String> f = workers.submit(() -> {
                started.countDown();
                // deaf to the interrupt, as work that finished its last step is
                while (release.getCount() > 0) {
                    Thread.onSpinWait();
                }
                return "result holding resources";
            }, r -> {
                discarded.set(r);
                wasDiscarded.countDown();
            });
            assertThat(started.await(REACT_SECONDS, TimeUnit.SECONDS)).isTrue();
            f.cancel(false);
            release.countDown();
            assertThat(wasDiscarded.await(REACT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(discarded.get()).isEqualTo("result holding resources");
        }
    }

    @Test
    void fullQueue_refusesWork() throws Exception {
        try (GraphWorkers workers = new GraphWorkers(1, 1)) {
            UntilInterrupted blocker = new UntilInterrupted();
            CompletableFuture<String> running = workers.submit(blocker::run, r -> { });
            assertThat(blocker.started.await(REACT_SECONDS, TimeUnit.SECONDS)).isTrue();
            workers.submit(() -> "waits", r -> { });
            assertThatThrownBy(() -> workers.submit(() -> "refused", r -> { }))
                    .isInstanceOf(RejectedExecutionException.class);
            running.cancel(false);
        }
    }

    @Test
    void workIgnoringTheInterrupt_isCountedStuck_andCloseDoesNotWaitForIt() throws Exception {
        AtomicBoolean release = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        GraphWorkers workers = new GraphWorkers(1, 4);
        try {
            CompletableFuture<String> deaf = workers.submit(() -> {
                started.countDown();
                while (!release.get()) {
                    Thread.onSpinWait(); // ignores interrupts, as a hostile graph build did
                }
                return "late";
            }, r -> { });
            CompletableFuture<String> waiting = workers.submit(() -> "never", r -> { });
            assertThat(started.await(REACT_SECONDS, TimeUnit.SECONDS)).isTrue();
            deaf.cancel(false);
            long until = System.nanoTime() + GraphWorkers.STOP_GRACE.toNanos()
                    + TimeUnit.SECONDS.toNanos(REACT_SECONDS);
            while (workers.stuck() == 0 && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(workers.stuck()).as("reported stuck").isEqualTo(1);

            long t0 = System.nanoTime();
            workers.close();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
            assertThatThrownBy(() -> waiting.get(REACT_SECONDS, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(RejectedExecutionException.class);
            assertThatThrownBy(() -> workers.submit(() -> "after close", r -> { }))
                    .isInstanceOf(RejectedExecutionException.class);
        } finally {
            release.set(true); // let the spinning thread end: it would burn a core for the rest of the run
            workers.close();
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(REACT_SECONDS);
        while (workers.stuck() > 0 && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(workers.stuck()).as("no longer stuck once it ended").isZero();
    }

    @Test
    void closing_interruptsRunningWork() throws Exception {
        GraphWorkers workers = new GraphWorkers(1, 4);
        UntilInterrupted work = new UntilInterrupted();
        workers.submit(work::run, r -> { });
        assertThat(work.started.await(REACT_SECONDS, TimeUnit.SECONDS)).isTrue();
        workers.close();
        assertThat(work.interrupted.await(REACT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void invalidSizes_areRefused() {
        assertThatThrownBy(() -> new GraphWorkers(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GraphWorkers(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
