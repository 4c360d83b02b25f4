package org.crystograph.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.crystograph.graph.CrystalGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The batching engine with a real, simple computation in place of the network: {@link GraphStatistics} predicts the
 * mean edge length (Angstrom) and the mean atomic number of each graph, so every answer can be checked against the
 * graph it belongs to.
 */
class InferenceEngineTest {

    private static final double TOLERANCE = 1e-12;
    private static final long WAIT_SECONDS = 20;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<InferenceEngine> engines = new ArrayList<>();

    @AfterEach
    void closeEngines() {
        engines.forEach(InferenceEngine::close);
    }

    /** Mean edge length and mean Z of each graph plus an optional offset; records batches and calling threads. */
    static final class GraphStatistics implements GraphRegressor {
        final double offset;
        final CountDownLatch gate;
        final Thread owner = Thread.currentThread();
        final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger foreignThreadCalls = new AtomicInteger();
        final int poisonSites;

        GraphStatistics(double offset, CountDownLatch gate, int poisonSites) {
            this.offset = offset;
            this.gate = gate;
            this.poisonSites = poisonSites;
        }

        @Override
        public int outputCount() {
            return 2;
        }

        @Override
        public double[][] predict(List<CrystalGraph> graphs) {
            if (Thread.currentThread() != owner) {
                foreignThreadCalls.incrementAndGet();
            }
            awaitGate(gate);
            batchSizes.add(graphs.size());
            double[][] out = new double[graphs.size()][];
            for (int i = 0; i < graphs.size(); i++) {
                CrystalGraph g = graphs.get(i);
                if (g.numSites() == poisonSites) {
                    throw new IllegalStateException("cannot handle " + poisonSites + " sites");
                }
                out[i] = expected(g, offset);
            }
            return out;
        }

        @Override
        public void close() {
        }
    }

    static double[] expected(CrystalGraph g, double offset) {
        double length = 0;
        for (double r : g.edgeLength()) {
            length += r;
        }
        double z = 0;
        for (int s : g.speciesZ()) {
            z += s;
        }
        return new double[] {length / g.numEdges() + offset, z / g.speciesZ().length + offset};
    }

    private static void awaitGate(CountDownLatch gate) {
        try {
            if (!gate.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A small valid graph: n sites of element z, k = 2 neighbours, unit feature widths, edge lengths from a seed. */
    static CrystalGraph graph(int n, int z, double seed) {
        int k = 2;
        int e = n * k;
        int[] offsets = new int[n + 1];
        int[] species = new int[n];
        float[] occupancy = new float[n];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = i + 1;
            species[i] = z;
            occupancy[i] = 1f;
        }
        int[] source = new int[e];
        double[] length = new double[e];
        for (int i = 0; i < e; i++) {
            source[i] = (i / k + 1) % n;
            length[i] = 2.0 + Math.abs(Math.sin(seed * (i + 1)));
        }
        return new CrystalGraph(n, k, offsets, species, occupancy, source, new int[3 * e], new double[3 * e], length,
                new float[e], new float[e * k], new float[n], 1, 1, 1, 8.0);
    }

    private InferenceEngine engine(List<GraphRegressor.Factory> members, BatchingSettings settings)
            throws InterruptedException {
        InferenceEngine engine = new InferenceEngine("test-model", members, settings, registry);
        engines.add(engine);
        engine.awaitOpen(WAIT_SECONDS, TimeUnit.SECONDS);
        return engine;
    }

    /**
     * An engine whose single checkpoint is a {@link GraphStatistics} behind {@code gate}; each worker's copy lands in
     * {@code opened}.
     */
    private InferenceEngine recordingEngine(CountDownLatch gate, List<GraphStatistics> opened,
            BatchingSettings settings) throws InterruptedException {
        return engine(List.of(() -> {
            GraphStatistics g = new GraphStatistics(0, gate, -1);
            opened.add(g);
            return g;
        }), settings);
    }

    /** Submits a request that a worker takes at once (and, behind a closed gate, holds); returns its answer. */
    private static CompletableFuture<Estimate> occupyAWorker(InferenceEngine engine, CrystalGraph g)
            throws InterruptedException {
        CompletableFuture<Estimate> answer = engine.submit(g);
        waitUntil(() -> engine.queueDepth() == 0);
        return answer;
    }

    private static BatchingSettings settings(int maxBatch, long delayMillis, int maxSites, int capacity, int workers) {
        return new BatchingSettings(maxBatch, Duration.ofMillis(delayMillis), maxSites, capacity, workers,
                Duration.ofSeconds(1), true);
    }

    /**
     * Three checkpoints at offsets -1, 0 and +4 from {@link #expected}; every call's thread is recorded per checkpoint.
     * Checkpoint 0 waits at {@code firstGate}; the others open {@code othersRan} when called.
     */
    private static List<GraphRegressor.Factory> threeCheckpoints(CountDownLatch firstGate, CountDownLatch othersRan,
            Map<Integer, List<Thread>> callers) {
        double[] offsets = {-1.0, 0.0, 4.0};
        List<GraphRegressor.Factory> factories = new ArrayList<>();
        for (int m = 0; m < offsets.length; m++) {
            int member = m;
            factories.add(() -> {
                GraphStatistics stats = new GraphStatistics(offsets[member], member == 0 ? firstGate
                        : new CountDownLatch(0), 13);
                return new GraphRegressor() {
                    @Override
                    public int outputCount() {
                        return stats.outputCount();
                    }

                    @Override
                    public double[][] predict(List<CrystalGraph> graphs) {
                        callers.computeIfAbsent(member, k -> Collections.synchronizedList(new ArrayList<>()))
                                .add(Thread.currentThread());
                        if (member > 0) {
                            othersRan.countDown();
                        }
                        return stats.predict(graphs);
                    }

                    @Override
                    public void close() {
                        stats.close();
                    }
                };
            });
        }
        return factories;
    }

    /** The answer of {@link #threeCheckpoints} for graph g: mean base + 1, population std sqrt(14 / 3). */
    private static void assertThreeCheckpointEstimate(Estimate est, CrystalGraph g) {
        double[] base = expected(g, 0);
        assertThat(est.members()).isEqualTo(3);
        for (int t = 0; t < 2; t++) {
            assertThat(est.mean(t)).isCloseTo(base[t] + 1, org.assertj.core.data.Offset.offset(TOLERANCE));
            assertThat(est.std(t)).isCloseTo(Math.sqrt(14.0 / 3), org.assertj.core.data.Offset.offset(TOLERANCE));
        }
    }

    @Test
    void loneRequest_toAnEnsemble_spreadsItsCheckpointsOverTheOtherWorker() throws Exception {
        // checkpoint 0 runs only once another checkpoint has run meanwhile: on another worker, since this one waits
        CountDownLatch othersRan = new CountDownLatch(1);
        Map<Integer, List<Thread>> callers = new ConcurrentHashMap<>();
        InferenceEngine engine = engine(threeCheckpoints(othersRan, othersRan, callers),
                settings(8, 1, 1000, 16, 2));
        CrystalGraph g = graph(5, 14, 0.7);

        Estimate est = engine.submit(g).get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThreeCheckpointEstimate(est, g);
        Thread batchOwner = callers.get(0).get(0);
        assertThat(callers.get(1)).hasSize(1).doesNotContain(batchOwner);
        assertThat(callers.get(2)).hasSize(1);
        assertThat(registry.get(ServingMetrics.SPREAD_PASSES).counter().count()).isBetween(1.0, 2.0);
    }

    @Test
    void spreadOff_runsEveryCheckpointOnTheBatchesWorker() throws Exception {
        Map<Integer, List<Thread>> callers = new ConcurrentHashMap<>();
        BatchingSettings s = settings(8, 1, 1000, 16, 2);
        InferenceEngine engine = engine(threeCheckpoints(new CountDownLatch(0), new CountDownLatch(1), callers),
                new BatchingSettings(s.maxBatchSize(), s.maxDelay(), s.maxBatchSites(), s.queueCapacity(),
                        s.workers(), s.retryAfter(), false));
        CrystalGraph g = graph(4, 8, 0.3);

        assertThreeCheckpointEstimate(engine.submit(g).get(WAIT_SECONDS, TimeUnit.SECONDS), g);

        Thread batchOwner = callers.get(0).get(0);
        assertThat(callers.get(1)).containsExactly(batchOwner);
        assertThat(callers.get(2)).containsExactly(batchOwner);
    }

    @Test
    void spreadEnsemble_underConcurrentLoad_answersEveryRequestExactly() throws Exception {
        Map<Integer, List<Thread>> callers = new ConcurrentHashMap<>();
        InferenceEngine engine = engine(threeCheckpoints(new CountDownLatch(0), new CountDownLatch(1), callers),
                settings(4, 1, 1000, 512, 3));
        List<CrystalGraph> graphs = new ArrayList<>();
        List<CompletableFuture<Estimate>> answers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            CrystalGraph g = graph(1 + i % 7, 1 + i % 80, i * 0.01 + 0.1);
            graphs.add(g);
            answers.add(engine.submit(g));
            if (i % 10 == 0) {
                Thread.sleep(1); // let the queue drain now and then, so that some batches run with nothing waiting
            }
        }
        for (int i = 0; i < answers.size(); i++) {
            assertThreeCheckpointEstimate(answers.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS), graphs.get(i));
        }
        assertThat(engine.queueDepth()).isZero();
    }

    @Test
    void failingStructure_inASpreadEnsemble_failsAlone_andTheEngineGoesOn() throws Exception {
        Map<Integer, List<Thread>> callers = new ConcurrentHashMap<>();
        InferenceEngine engine = engine(threeCheckpoints(new CountDownLatch(0), new CountDownLatch(1), callers),
                settings(8, 1, 1000, 16, 2));

        CompletableFuture<Estimate> bad = engine.submit(graph(13, 6, 3)); // every checkpoint refuses 13 sites
        assertThatThrownBy(() -> bad.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(InferenceException.class)
                .hasMessageContaining("13 sites");

        CrystalGraph g = graph(6, 26, 0.2);
        assertThreeCheckpointEstimate(engine.submit(g).get(WAIT_SECONDS, TimeUnit.SECONDS), g);
    }

    @Test
    void queuedRequests_runAsBatchesOfMaxSize_andEachGetsItsOwnAnswer() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<GraphStatistics> opened = Collections.synchronizedList(new ArrayList<>());
        InferenceEngine engine = recordingEngine(gate, opened, settings(8, 0, 10_000, 64, 1));

        CompletableFuture<Estimate> blocker = occupyAWorker(engine, graph(3, 11, 0.5));
        List<CrystalGraph> graphs = new ArrayList<>();
        List<CompletableFuture<Estimate>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            CrystalGraph g = graph(2 + i % 5, 1 + i, 0.1 * (i + 1));
            graphs.add(g);
            answers.add(engine.submit(g));
        }
        assertThat(engine.queueDepth()).isEqualTo(16);
        assertThat(registry.get(ServingMetrics.MODEL_QUEUE_DEPTH).gauge().value()).isEqualTo(16.0);
        gate.countDown();

        blocker.get(WAIT_SECONDS, TimeUnit.SECONDS);
        for (int i = 0; i < graphs.size(); i++) {
            Estimate est = answers.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS);
            double[] want = expected(graphs.get(i), 0);
            assertThat(est.mean(0)).isCloseTo(want[0], org.assertj.core.data.Offset.offset(TOLERANCE));
            assertThat(est.mean(1)).isCloseTo(want[1], org.assertj.core.data.Offset.offset(TOLERANCE));
            assertThat(est.hasUncertainty()).isFalse();
            assertThat(est.std(0)).isNaN();
        }
        assertThat(opened.get(0).batchSizes).containsExactly(1, 8, 8);
        assertThat(registry.get(ServingMetrics.BATCH_SIZE).summary().count()).isEqualTo(3);
        assertThat(registry.get(ServingMetrics.PREDICTIONS).counter().count()).isEqualTo(17.0);
        assertThat(registry.get(ServingMetrics.MODEL_QUEUE_DEPTH).gauge().value()).isZero();
    }

    @Test
    void batch_isCappedByTotalSites() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<GraphStatistics> opened = Collections.synchronizedList(new ArrayList<>());
        InferenceEngine engine = recordingEngine(gate, opened, settings(64, 0, 25, 64, 1));
        CompletableFuture<Estimate> blocker = occupyAWorker(engine, graph(10, 8, 0.3));
        List<CompletableFuture<Estimate>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(engine.submit(graph(10, 8, 0.3 + i)));
        }
        answers.add(engine.submit(graph(40, 8, 0.9)));
        gate.countDown();
        blocker.get(WAIT_SECONDS, TimeUnit.SECONDS);
        for (CompletableFuture<Estimate> a : answers) {
            a.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        // 10 + 10 <= 25 sites per batch; the 40-site structure exceeds the cap on its own and runs alone
        assertThat(opened.get(0).batchSizes).containsExactly(1, 2, 2, 1, 1);
    }

    @Test
    void requestsArrivingWithinTheDelay_shareABatch() throws Exception {
        List<GraphStatistics> opened = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch open = new CountDownLatch(0);
        InferenceEngine engine = recordingEngine(open, opened, settings(4, 2_000, 10_000, 64, 1));
        List<CompletableFuture<Estimate>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(engine.submit(graph(4, 6, i + 1)));
        }
        for (CompletableFuture<Estimate> a : answers) {
            a.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        // four requests submitted well inside the 2 s window fill one batch of the maximum size 4
        assertThat(opened.get(0).batchSizes).containsExactly(4);
    }

    @Test
    void loneRequest_withAnotherWorkerIdle_runsWithoutWaitingOutTheDelay() throws Exception {
        InferenceEngine engine = engine(List.of(() -> new GraphStatistics(0, new CountDownLatch(0), -1)),
                settings(8, 600_000, 10_000, 64, 2));

        // the delay is ten minutes: only a worker that does not wait for company answers within WAIT_SECONDS
        Estimate est = engine.submit(graph(3, 11, 0.5)).get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(est.mean(0)).isCloseTo(expected(graph(3, 11, 0.5), 0)[0],
                org.assertj.core.data.Offset.offset(TOLERANCE));
    }

    @Test
    void withTheOtherWorkerBusy_aFreeWorkerTakesAnEqualShareOfTheWaiting() throws Exception {
        // each worker's copy waits at its own gate: the first opened at gates[0], the second at gates[1]
        CountDownLatch[] gates = {new CountDownLatch(1), new CountDownLatch(1)};
        List<GraphStatistics> opened = Collections.synchronizedList(new ArrayList<>());
        InferenceEngine engine = engine(List.of(() -> {
            synchronized (opened) {
                GraphStatistics g = new GraphStatistics(0, gates[opened.size()], -1);
                opened.add(g);
                return g;
            }
        }), settings(8, 2_000, 10_000, 64, 2));

        // both workers take a request and block; six more queue behind them
        List<CompletableFuture<Estimate>> answers = new ArrayList<>();
        answers.add(occupyAWorker(engine, graph(3, 11, 0.5)));
        answers.add(occupyAWorker(engine, graph(3, 11, 0.6)));
        for (int i = 0; i < 6; i++) {
            answers.add(engine.submit(graph(4, 6, i + 1)));
        }
        assertThat(engine.queueDepth()).isEqualTo(6);
        // one worker is freed while the other stays busy: it takes ceil(6 / 2) = 3, then 2 of the 3 left, then 1
        gates[0].countDown();
        waitUntil(() -> engine.queueDepth() == 0);
        gates[1].countDown();
        for (CompletableFuture<Estimate> a : answers) {
            a.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }

        assertThat(opened.get(0).batchSizes).containsExactly(1, 3, 2, 1);
        assertThat(opened.get(1).batchSizes).containsExactly(1);
    }

    @Test
    void fullQueue_refusesAtOnce_withRetryAfter() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        InferenceEngine engine = engine(List.of(() -> new GraphStatistics(0, gate, -1)), settings(1, 0, 100, 2, 1));
        CompletableFuture<Estimate> running = engine.submit(graph(3, 6, 1));
        waitUntil(() -> engine.queueDepth() == 0);
        CompletableFuture<Estimate> q1 = engine.submit(graph(3, 6, 2));
        CompletableFuture<Estimate> q2 = engine.submit(graph(3, 6, 3));
        assertThatThrownBy(() -> engine.submit(graph(3, 6, 4)))
                .isInstanceOf(QueueFullException.class)
                .hasMessageContaining("test-model")
                .satisfies(e -> assertThat(((QueueFullException) e).retryAfter()).isEqualTo(Duration.ofSeconds(1)));
        assertThat(registry.get(ServingMetrics.REJECTED).counter().count()).isEqualTo(1.0);
        assertThat(registry.get(ServingMetrics.MODEL_QUEUE_DEPTH).gauge().value()).isEqualTo(2.0);
        gate.countDown();
        running.get(WAIT_SECONDS, TimeUnit.SECONDS);
        q1.get(WAIT_SECONDS, TimeUnit.SECONDS);
        q2.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void cancelledWhileQueued_leavesTheQueueAtOnce_andNeverRuns() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<GraphStatistics> opened = Collections.synchronizedList(new ArrayList<>());
        InferenceEngine engine = recordingEngine(gate, opened, settings(8, 0, 10_000, 64, 1));
        CompletableFuture<Estimate> blocker = occupyAWorker(engine, graph(3, 11, 0.5));
        List<CrystalGraph> graphs = new ArrayList<>();
        List<CompletableFuture<Estimate>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            graphs.add(graph(2 + i, 6, i + 1));
            answers.add(engine.submit(graphs.get(i)));
        }

        answers.get(1).cancel(false);
        answers.get(3).cancel(false);

        assertThat(engine.queueDepth()).isEqualTo(2);
        assertThat(registry.get(ServingMetrics.CANCELLED).counter().count()).isEqualTo(2.0);
        gate.countDown();
        blocker.get(WAIT_SECONDS, TimeUnit.SECONDS);
        for (int i : new int[] {0, 2}) {
            assertThat(answers.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS).mean(0))
                    .isCloseTo(expected(graphs.get(i), 0)[0], org.assertj.core.data.Offset.offset(TOLERANCE));
        }
        assertThat(opened.get(0).batchSizes).containsExactly(1, 2);
        assertThat(registry.get(ServingMetrics.PREDICTIONS).counter().count()).isEqualTo(3.0);
    }

    @Test
    void cancelledWhileItsBatchIsForming_isDroppedFromTheBatch() throws Exception {
        List<GraphStatistics> opened = Collections.synchronizedList(new ArrayList<>());
        InferenceEngine engine = recordingEngine(new CountDownLatch(0), opened, settings(4, 2_000, 10_000, 64, 1));
        CompletableFuture<Estimate> first = occupyAWorker(engine, graph(3, 11, 0.5)); // waits 2 s for company

        first.cancel(false);
        CrystalGraph g = graph(4, 6, 0.7);
        Estimate est = engine.submit(g).get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(est.mean(0)).isCloseTo(expected(g, 0)[0], org.assertj.core.data.Offset.offset(TOLERANCE));
        assertThat(opened.get(0).batchSizes).containsExactly(1);
        assertThat(registry.get(ServingMetrics.CANCELLED).counter().count()).isEqualTo(1.0);
    }

    @Test
    void ensembleOfThree_givesMeanAndPopulationStd() throws Exception {
        CountDownLatch open = new CountDownLatch(0);
        InferenceEngine engine = engine(List.of(
                () -> new GraphStatistics(-1.0, open, -1),
                () -> new GraphStatistics(0.0, open, -1),
                () -> new GraphStatistics(4.0, open, -1)), settings(8, 1, 1000, 16, 1));
        CrystalGraph g = graph(5, 14, 0.7);
        Estimate est = engine.submit(g).get(WAIT_SECONDS, TimeUnit.SECONDS);
        double[] base = expected(g, 0);
        // members at base-1, base, base+4: mean base+1, population std sqrt((4+1+9)/3)
        assertThat(est.members()).isEqualTo(3);
        assertThat(est.mean(0)).isCloseTo(base[0] + 1, org.assertj.core.data.Offset.offset(TOLERANCE));
        assertThat(est.std(0)).isCloseTo(Math.sqrt(14.0 / 3), org.assertj.core.data.Offset.offset(TOLERANCE));
        assertThat(est.std(1)).isCloseTo(Math.sqrt(14.0 / 3), org.assertj.core.data.Offset.offset(TOLERANCE));
    }

    @Test
    void everyWorker_ownsItsPredictors_andNeverSharesThem() throws Exception {
        CountDownLatch open = new CountDownLatch(0);
        Map<Thread, GraphStatistics> byThread = new ConcurrentHashMap<>();
        InferenceEngine engine = engine(List.of(() -> {
            GraphStatistics g = new GraphStatistics(0, open, -1);
            byThread.put(Thread.currentThread(), g);
            return g;
        }), settings(4, 1, 1000, 512, 3));
        List<CompletableFuture<Estimate>> answers = new ArrayList<>();
        List<CrystalGraph> graphs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            CrystalGraph g = graph(1 + i % 7, 1 + i % 80, i * 0.01 + 0.1);
            graphs.add(g);
            answers.add(engine.submit(g));
        }
        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS).mean(1))
                    .isCloseTo(expected(graphs.get(i), 0)[1], org.assertj.core.data.Offset.offset(TOLERANCE));
        }
        assertThat(byThread).hasSize(3);
        for (GraphStatistics g : byThread.values()) {
            assertThat(g.foreignThreadCalls.get()).isZero();
        }
        int total = byThread.values().stream().flatMap(g -> g.batchSizes.stream()).mapToInt(Integer::intValue).sum();
        assertThat(total).isEqualTo(300);
    }

    @Test
    void failingStructure_failsAlone_othersInItsBatchSucceed() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        InferenceEngine engine = engine(List.of(() -> new GraphStatistics(0, gate, 13)), settings(8, 0, 1000, 16, 1));
        CompletableFuture<Estimate> blocker = occupyAWorker(engine, graph(2, 6, 1));
        CompletableFuture<Estimate> good1 = engine.submit(graph(3, 6, 2));
        CompletableFuture<Estimate> bad = engine.submit(graph(13, 6, 3));
        CompletableFuture<Estimate> good2 = engine.submit(graph(4, 6, 4));
        gate.countDown();
        blocker.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(good1.get(WAIT_SECONDS, TimeUnit.SECONDS).mean(1)).isEqualTo(6.0);
        assertThat(good2.get(WAIT_SECONDS, TimeUnit.SECONDS).mean(1)).isEqualTo(6.0);
        assertThatThrownBy(() -> bad.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(InferenceException.class)
                .hasMessageContaining("13 sites");
    }

    @Test
    void checkpointThatCannotOpen_failsLoading_andRefusesRequests() {
        InferenceEngine engine = new InferenceEngine("broken", List.of(() -> {
            throw new IllegalStateException("checkpoint.json missing");
        }), settings(8, 1, 1000, 16, 2), registry);
        engines.add(engine);
        assertThatThrownBy(() -> engine.awaitOpen(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(InferenceException.class)
                .hasMessageContaining("checkpoint.json missing");
        assertThatThrownBy(() -> engine.submit(graph(2, 6, 1))).isInstanceOf(InferenceException.class);
    }

    @Test
    void close_failsRequestsStillQueued() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        InferenceEngine engine = engine(List.of(() -> new GraphStatistics(0, gate, -1)), settings(1, 0, 100, 8, 1));
        CompletableFuture<Estimate> running = engine.submit(graph(2, 6, 1));
        waitUntil(() -> engine.queueDepth() == 0);
        CompletableFuture<Estimate> queued = engine.submit(graph(2, 6, 2));
        Thread closer = new Thread(engine::close);
        closer.start();
        waitUntil(() -> closer.getState() == Thread.State.TIMED_WAITING); // close() is waiting for the worker
        gate.countDown();
        closer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertThat(running.get(WAIT_SECONDS, TimeUnit.SECONDS).members()).isEqualTo(1);
        assertThat(queued).isCompletedExceptionally();
        assertThatThrownBy(queued::join).hasCauseInstanceOf(EngineStoppedException.class); // 503 at the edge
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached within " + WAIT_SECONDS + " s");
            }
            Thread.sleep(1);
        }
    }
}
