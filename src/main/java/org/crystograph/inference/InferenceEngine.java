package org.crystograph.inference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.crystograph.graph.CrystalGraph;
import org.jboss.logging.Logger;

/**
 * Serves one model: a bounded queue of single-structure requests drained by worker threads that group concurrent
 * requests into ragged batches (up to {@link BatchingSettings#maxBatchSize()} structures or
 * {@link BatchingSettings#maxBatchSites()} sites, waiting at most {@link BatchingSettings#maxDelay()} after the first
 * request of a batch arrived), run each batch once and answer every request individually. With several workers, each
 * takes an equal share of the waiting requests (see {@link #fairShare}); a worker whose batch runs while no request
 * waits offers some of an ensemble's checkpoints to the other workers (see {@link #predictSpread}).
 *
 * <p>Each worker owns its own {@link EnsemblePredictor} (one {@link GraphRegressor} per checkpoint), opened in that
 * worker's thread and never shared: an idle worker that helps with another's batch runs its own copy of the
 * checkpoint. A full queue refuses new requests with {@link QueueFullException}. When a batch
 * fails, its structures are retried one by one so that one bad input does not fail the others. Cancelling a request's
 * future (its client went away) withdraws it: it leaves the queue at once, or is dropped from a batch still forming,
 * so no forward pass is spent on an answer nobody reads.
 */
public final class InferenceEngine implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(InferenceEngine.class);
    /** How often an idle worker re-checks whether the engine is closing. */
    private static final long IDLE_POLL_MILLIS = 100;
    /**
     * Longest {@link #close} waits for the workers to finish their batches, all workers together: short enough that a
     * service stopping on SIGTERM stays within Kubernetes' grace period after its requests have been answered.
     */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final String model;
    private final BatchingSettings settings;
    private final List<GraphRegressor.Factory> members;
    /**
     * Requests at the tail, {@link MemberPass}es offered to idle workers at the head; bounded for requests by
     * {@link #waiting} against the queue capacity.
     */
    private final LinkedBlockingDeque<Work> queue = new LinkedBlockingDeque<>();
    /** Requests in {@link #queue}. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final List<Thread> workers = new ArrayList<>();
    private final CountDownLatch opened;
    private final AtomicReference<Throwable> openFailure = new AtomicReference<>();
    private volatile boolean running = true;
    /** Outputs per structure, set when the first worker has opened its predictors; -1 before. */
    private volatile int outputCount = -1;

    private final Timer latency;
    private final DistributionSummary batchSize;
    private final DistributionSummary atomsPerSecond;
    private final Counter atoms;
    private final Counter predictions;
    private final Counter rejected;
    private final Counter cancelled;
    private final Counter spreadPasses;

    /** What a worker takes from the queue. */
    private sealed interface Work permits Pending, MemberPass {
    }

    /** One request. */
    private record Pending(CrystalGraph graph, CompletableFuture<Estimate> result, long arrivedNanos) implements Work {
    }

    /**
     * One checkpoint's forward pass over a batch another worker is running, offered to idle workers. Whoever claims it
     * first runs it with its own copy of the checkpoint, the batch's worker included, so an offer nobody takes costs
     * nothing and never leaves the batch waiting.
     */
    private static final class MemberPass implements Work {
        final int member;
        final List<CrystalGraph> graphs;
        final CompletableFuture<double[][]> result = new CompletableFuture<>();
        private final AtomicBoolean claimed = new AtomicBoolean();

        MemberPass(int member, List<CrystalGraph> graphs) {
            this.member = member;
            this.graphs = graphs;
        }

        boolean claim() {
            return claimed.compareAndSet(false, true);
        }

        void run(EnsemblePredictor predictor) {
            try {
                result.complete(predictor.predictMember(member, graphs));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }

        /** The outputs, once run; a failure is rethrown as it was thrown. */
        double[][] await() {
            try {
                return result.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new InferenceException("checkpoint " + member + " failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /**
     * Starts the workers; each opens its predictors in its own thread (see {@link #awaitOpen}).
     *
     * @param model the model's name (metrics tag, messages)
     * @param members one factory per checkpoint of the model
     * @param settings batching and queue settings
     * @param registry where the engine's meters are registered
     */
    public InferenceEngine(String model, List<GraphRegressor.Factory> members, BatchingSettings settings,
            MeterRegistry registry) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("model '" + model + "' has no checkpoints");
        }
        this.model = model;
        this.settings = settings;
        this.members = List.copyOf(members);
        this.opened = new CountDownLatch(settings.workers());
        Tags tags = Tags.of(ServingMetrics.MODEL_TAG, model);
        Gauge.builder(ServingMetrics.MODEL_QUEUE_DEPTH, waiting, AtomicInteger::get)
                .description("requests waiting in the batching queue").tags(tags).strongReference(true)
                .register(registry);
        latency = Timer.builder(ServingMetrics.INFERENCE_LATENCY)
                .description("enqueue to answer, per structure").tags(tags).publishPercentileHistogram()
                .register(registry);
        batchSize = DistributionSummary.builder(ServingMetrics.BATCH_SIZE).description("structures per batch")
                .tags(tags).publishPercentileHistogram().maximumExpectedValue((double) settings.maxBatchSize())
                .register(registry);
        atomsPerSecond = DistributionSummary.builder(ServingMetrics.ATOMS_PER_SECOND)
                .description("sites per second of one batch's forward pass").tags(tags).register(registry);
        atoms = Counter.builder(ServingMetrics.ATOMS).description("sites run through the model").tags(tags)
                .register(registry);
        predictions = Counter.builder(ServingMetrics.PREDICTIONS).description("structures predicted").tags(tags)
                .register(registry);
        rejected = Counter.builder(ServingMetrics.REJECTED).description("structures refused, queue full").tags(tags)
                .register(registry);
        cancelled = Counter.builder(ServingMetrics.CANCELLED).description("structures withdrawn, request cancelled")
                .tags(tags).register(registry);
        spreadPasses = Counter.builder(ServingMetrics.SPREAD_PASSES)
                .description("checkpoint forward passes run by a worker for another worker's batch").tags(tags)
                .register(registry);
        for (int w = 0; w < settings.workers(); w++) {
            Thread t = new Thread(this::work, "inference-" + model + "-" + w);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /**
     * Waits until every worker has opened its predictors.
     *
     * @throws InferenceException when a worker could not open a checkpoint, or on timeout
     */
    public void awaitOpen(long timeout, TimeUnit unit) throws InterruptedException {
        if (!opened.await(timeout, unit)) {
            throw new InferenceException("model '" + model + "' did not load within " + timeout + " " + unit);
        }
        Throwable failure = openFailure.get();
        if (failure != null) {
            throw new InferenceException("model '" + model + "' failed to load: " + failure.getMessage(), failure);
        }
    }

    /** Outputs per structure, known once the workers have opened their predictors; -1 before. */
    public int outputCount() {
        return outputCount;
    }

    /** The model's name. */
    public String model() {
        return model;
    }

    /** The batching settings. */
    public BatchingSettings settings() {
        return settings;
    }

    /** Requests waiting now. */
    public int queueDepth() {
        return waiting.get();
    }

    /**
     * Enqueues one structure.
     *
     * @return completes with the estimate, or exceptionally with {@link InferenceException}; cancelling it withdraws
     *         the structure unless its batch is already running
     * @throws QueueFullException when the queue is full (the request was not enqueued)
     * @throws InferenceException when the engine is closed or failed to load
     */
    public CompletableFuture<Estimate> submit(CrystalGraph graph) {
        if (!running || openFailure.get() != null) {
            throw new InferenceException("model '" + model + "' is not serving");
        }
        Pending p = new Pending(graph, new CompletableFuture<>(), System.nanoTime());
        if (waiting.incrementAndGet() > settings.queueCapacity()) {
            waiting.decrementAndGet();
            rejected.increment();
            throw new QueueFullException(model, settings.queueCapacity(), settings.retryAfter());
        }
        queue.offerLast(p);
        p.result.whenComplete((estimate, failure) -> {
            if (failure instanceof CancellationException && queue.remove(p)) {
                waiting.decrementAndGet();
                cancelled.increment();
            } // otherwise a worker has taken it and drops it (see #withdrawn) unless its batch runs already
        });
        return p.result;
    }

    /**
     * Stops the workers after the batch in progress, waiting for them {@link #CLOSE_WAIT} at most in all; requests
     * still queued fail with {@link EngineStoppedException}. A worker still in a forward pass after the wait is left to
     * finish it: it is a daemon thread and does not keep the process from exiting.
     */
    @Override
    public void close() {
        running = false; // workers notice within IDLE_POLL_MILLIS or after their batch; not interrupted mid-forward
        long end = System.nanoTime() + CLOSE_WAIT.toNanos();
        for (Thread t : workers) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                TimeUnit.NANOSECONDS.timedJoin(t, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        workers.stream().filter(Thread::isAlive).forEach(t -> LOG.warnf("model '%s': worker %s still runs a batch"
                + " %d s after the engine closed; not waiting for it", model, t.getName(), CLOSE_WAIT.toSeconds()));
        Work w;
        while ((w = queue.poll()) != null) {
            if (w instanceof Pending p) {
                waiting.decrementAndGet();
                p.result.completeExceptionally(new EngineStoppedException(model));
            } // a MemberPass left here was claimed back by its batch's worker
        }
    }

    private void work() {
        EnsemblePredictor predictor;
        try {
            predictor = EnsemblePredictor.open(members);
            outputCount = predictor.outputCount();
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "model '%s': a worker could not open its predictors", model);
            openFailure.compareAndSet(null, e);
            return;
        } finally {
            opened.countDown();
        }
        try (predictor) {
            Pending carry = null;
            while (running) {
                Pending first = carry;
                carry = null;
                if (first == null) {
                    Work w = awaitWork();
                    if (w instanceof MemberPass pass) {
                        if (pass.claim()) {
                            pass.run(predictor);
                            spreadPasses.increment();
                        }
                        continue;
                    }
                    first = (Pending) w;
                }
                if (first == null || withdrawn(first)) {
                    continue;
                }
                List<Pending> batch = new ArrayList<>(settings.maxBatchSize());
                batch.add(first);
                int sites = first.graph.numSites();
                long deadline = first.arrivedNanos + settings.maxDelay().toNanos();
                while (batch.size() < settings.maxBatchSize() && batch.size() < fairShare(batch.size())) {
                    long wait = deadline - System.nanoTime();
                    Work w = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
                    if (w instanceof MemberPass pass) {
                        queue.offerFirst(pass); // for an idle worker; this one has a batch to run
                        break;
                    }
                    if (w == null) {
                        break;
                    }
                    Pending next = taken(w);
                    if (withdrawn(next)) {
                        continue;
                    }
                    if (sites + next.graph.numSites() > settings.maxBatchSites()) {
                        carry = next;
                        break;
                    }
                    batch.add(next);
                    sites += next.graph.numSites();
                }
                batch.removeIf(this::withdrawn); // cancelled while the batch was forming
                if (!batch.isEmpty()) {
                    run(predictor, batch, batch.stream().mapToInt(p -> p.graph.numSites()).sum());
                }
            }
            if (carry != null) {
                carry.result.completeExceptionally(new EngineStoppedException(model));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next offered pass or request, or null after the idle poll interval. */
    private Work awaitWork() throws InterruptedException {
        Work w = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        return w instanceof Pending p ? taken(p) : w;
    }

    /** Whether a request taken from the queue was cancelled meanwhile; counts it if so. */
    private boolean withdrawn(Pending p) {
        if (p.result.isCancelled()) {
            cancelled.increment();
            return true;
        }
        return false;
    }

    /** Counts a request as no longer waiting. */
    private Pending taken(Work w) {
        waiting.decrementAndGet();
        return (Pending) w;
    }

    /**
     * How many requests a worker forming a batch of {@code taken} should take: an equal share of the waiting requests
     * (those taken plus those queued), {@code ceil(waiting / workers)}, leaving the rest to the next worker that is
     * free. Taking everything while another worker runs lets batch sizes drift apart in a closed loop: one worker
     * holds most clients in long batches while the other serves a few in short ones, which keeps throughput but
     * stretches the tail (docs/performance.md, Serving). A single worker takes everything and keeps collecting
     * arrivals for the batching delay; with several, a lone request runs at once instead of waiting out the delay.
     */
    private int fairShare(int taken) {
        int workers = settings.workers();
        if (workers <= 1) {
            return Integer.MAX_VALUE;
        }
        int all = taken + waiting.get();
        return (all + workers - 1) / workers;
    }

    /**
     * Runs the batch through every checkpoint. With several workers, {@link BatchingSettings#spreadEnsemble()} and no
     * request waiting, checkpoints 1..M-1 are offered at the head of the queue, where a worker with nothing else to do
     * takes them before any later request; this worker runs checkpoint 0, then claims back the offers nobody took,
     * last first, and waits for the rest. A lone request on an otherwise idle machine then costs about
     * {@code ceil(M / workers)} forward passes of latency instead of M. While requests wait, every worker has a batch
     * of its own to run and nothing is offered.
     */
    private List<Estimate> predictSpread(EnsemblePredictor predictor, List<CrystalGraph> graphs) {
        int m = predictor.memberCount();
        if (!settings.spreadEnsemble() || m == 1 || settings.workers() == 1 || waiting.get() > 0) {
            return predictor.predict(graphs);
        }
        MemberPass[] offered = new MemberPass[m];
        for (int i = m - 1; i >= 1; i--) {
            offered[i] = new MemberPass(i, graphs);
            queue.offerFirst(offered[i]); // checkpoint 1 ends at the head, taken first by a helper
        }
        double[][][] y = new double[m][][];
        boolean ownPassed = false;
        try {
            y[0] = predictor.predictMember(0, graphs);
            ownPassed = true;
        } finally {
            for (int i = m - 1; i >= 1; i--) {
                if (offered[i].claim()) { // withdrawn; run here unless the batch has already failed
                    queue.remove(offered[i]);
                    if (ownPassed) {
                        offered[i].run(predictor);
                    }
                }
            }
        }
        for (int i = 1; i < m; i++) {
            y[i] = offered[i].await();
        }
        return predictor.combine(y);
    }

    private void run(EnsemblePredictor predictor, List<Pending> batch, int sites) {
        List<CrystalGraph> graphs = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            graphs.add(p.graph);
        }
        long start = System.nanoTime();
        List<Estimate> out;
        try {
            out = predictSpread(predictor, graphs);
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                LOG.errorf(e, "model '%s' failed on a structure of %d sites", model, sites);
                batch.get(0).result.completeExceptionally(
                        new InferenceException("model '" + model + "' failed: " + e.getMessage(), e));
                return;
            }
            LOG.warnf("model '%s' failed on a batch of %d; retrying one by one: %s", model, batch.size(),
                    e.getMessage());
            for (Pending p : batch) {
                run(predictor, List.of(p), p.graph.numSites());
            }
            return;
        }
        long end = System.nanoTime();
        double seconds = (end - start) / 1e9;
        batchSize.record(batch.size());
        atoms.increment(sites);
        predictions.increment(batch.size());
        if (seconds > 0) {
            atomsPerSecond.record(sites / seconds);
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            latency.record(end - p.arrivedNanos, TimeUnit.NANOSECONDS);
            p.result.complete(out.get(i));
        }
    }
}
