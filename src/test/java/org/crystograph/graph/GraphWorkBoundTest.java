package org.crystograph.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.crystograph.graph.featurize.EdgeFeaturizer;
import org.crystograph.graph.featurize.LineGraphFeaturizer;
import org.crystograph.graph.featurize.PositionalEncoding;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.Site;
import org.crystograph.structure.Structure;
import org.crystograph.structure.StructureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Graph building ends on every input: a cell whose periodic images cannot be searched within the work bound stops with
 * {@link GraphBuildException.Reason#WORK_LIMIT}, and an interrupted thread stops with
 * {@link GraphBuildException.Reason#CANCELLED} with its interrupt flag still set.
 */
class GraphWorkBoundTest {

    /** Far more than a bounded build needs (milliseconds), far less than the hang it replaces. */
    private static final Duration BOUND = Duration.ofSeconds(10);

    /** Time a long build may take to notice an interrupt, generous for a loaded two-core machine. */
    private static final long STOP_WITHIN_MILLIS = 2_000;

    /** How long the long build runs before it is interrupted. */
    private static final long RUN_BEFORE_INTERRUPT_MILLIS = 300;

    private final GraphBuilder builder = GraphBuilder.withDefaults();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private static Structure oneSite(double[][] rows) {
        return new Structure(new Lattice(rows), List.of(Site.of("Na", 0, 0, 0)));
    }

    static Stream<Arguments> hostileCells() {
        return Stream.of(
                Arguments.of("issue 28: rows 1e-30 / 1e30 / 1e8 (volume 1e8)",
                        new double[][] {{1e-30, 0, 0}, {0, 1e30, 0}, {0, 0, 1e8}}),
                Arguments.of("two heights of 1e-6 A", new double[][] {{1e-6, 0, 0}, {0, 1e-6, 0}, {0, 0, 1e12}}),
                Arguments.of("one height of 1e-9 A", new double[][] {{1e-9, 0, 0}, {0, 1e5, 0}, {0, 0, 1e4}}),
                Arguments.of("sheared: b = 1e5 a + 1e-3 y", new double[][] {{1, 0, 0}, {1e5, 1e-3, 0}, {0, 0, 1e3}}),
                Arguments.of("needle 1e-4 x 1e-4 x 1e8", new double[][] {{1e-4, 0, 0}, {0, 1e-4, 0}, {0, 0, 1e8}}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileCells")
    void hostileCell_stopsWithWorkLimitNamingTheQuery(String name, double[][] rows) {
        Structure s = oneSite(rows);
        Throwable t = assertTimeoutPreemptively(BOUND, () -> catchThrowable(() -> builder.build(s)));
        assertThat(t).isInstanceOf(GraphBuildException.class).hasMessageContaining("cell-list bins")
                .hasMessageContaining("work limit");
        assertThat(((GraphBuildException) t).reason()).isEqualTo(GraphBuildException.Reason.WORK_LIMIT);
    }

    @Test
    void issueLattice_forEachWithinWithoutABudget_stopsWithWorkLimit() {
        PeriodicNeighborSearch search = new PeriodicNeighborSearch(
                new Lattice(new double[][] {{1e-30, 0, 0}, {0, 1e30, 0}, {0, 0, 1e8}}), new double[3], 8.0);
        Throwable t = assertTimeoutPreemptively(BOUND, () -> catchThrowable(
                () -> search.forEachWithin(0, 8.0, (j, a, b, c, d) -> { })));
        assertThat(t).isInstanceOf(GraphBuildException.class);
    }

    @Test
    void issueLattice_literalEnumeration_stopsWithWorkLimitBeforeItStarts() {
        ReferenceNeighborSearch ref = new ReferenceNeighborSearch(
                new Lattice(new double[][] {{1e-30, 0, 0}, {0, 1e30, 0}, {0, 0, 1e8}}), new double[3]);
        Throwable t = assertTimeoutPreemptively(BOUND, () -> catchThrowable(() -> ref.within(0, 8.0)));
        assertThat(t).isInstanceOf(GraphBuildException.class).hasMessageContaining("(site, image) pairs");
        assertThat(((GraphBuildException) t).reason()).isEqualTo(GraphBuildException.Reason.WORK_LIMIT);
    }

    @Test
    void longNeighbourSearch_interrupted_stopsWithCancelledWithinTwoSeconds_andKeepsTheInterruptFlag()
            throws InterruptedException {
        // a needle cell searched with an unlimited budget: about 10^9 bins per query, many seconds of work
        Lattice needle = new Lattice(new double[][] {{1e-4, 0, 0}, {0, 1e-4, 0}, {0, 0, 1e8}});
        KNearestGraphBuilder neighbours = new KNearestGraphBuilder(GraphSettings.defaults());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagAfter = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            try {
                neighbours.build(needle, new double[3], i -> "site " + i,
                        new WorkBudget(Long.MAX_VALUE, "neighbour search", () -> "unlimited for this test"));
            } catch (Throwable e) {
                thrown.set(e);
            }
            flagAfter.set(Thread.currentThread().isInterrupted());
        }, "long-graph-build");
        worker.setDaemon(true);
        worker.start();
        Thread.sleep(RUN_BEFORE_INTERRUPT_MILLIS);
        assertThat(worker.isAlive()).as("the build is still running when interrupted").isTrue();
        long t0 = System.nanoTime();
        worker.interrupt();
        worker.join(10 * STOP_WITHIN_MILLIS);
        long stoppedMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(worker.isAlive()).as("still running %d ms after the interrupt", stoppedMillis).isFalse();
        assertThat(stoppedMillis).isLessThan(STOP_WITHIN_MILLIS);
        assertThat(thrown.get()).isInstanceOf(GraphBuildException.class).hasMessageContaining("cancelled");
        assertThat(((GraphBuildException) thrown.get()).reason()).isEqualTo(GraphBuildException.Reason.CANCELLED);
        assertThat(flagAfter.get()).as("interrupt flag after CANCELLED").isTrue();
    }

    static Stream<Arguments> stages() {
        NeighborList nl = new KNearestGraphBuilder(GraphSettings.defaults()).build(Crystals.rockSalt(5.64));
        GraphSettings settings = GraphSettings.defaults();
        return Stream.of(
                Arguments.of("whole build", (Function<GraphBuilder, Object>) b -> b.build(Crystals.rockSalt(5.64))),
                Arguments.of("neighbour search", (Function<GraphBuilder, Object>) b -> b.neighbors(Crystals.rockSalt(5.64))),
                Arguments.of("edge features", (Function<GraphBuilder, Object>) b -> new EdgeFeaturizer(settings).features(nl)),
                Arguments.of("line-graph features",
                        (Function<GraphBuilder, Object>) b -> new LineGraphFeaturizer(settings).features(nl)),
                Arguments.of("positional encodings",
                        (Function<GraphBuilder, Object>) b -> new PositionalEncoding(settings).encode(nl)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void interruptedThread_everyStageStopsWithCancelled_andKeepsTheFlag(String stage, Function<GraphBuilder, Object> run) {
        Thread.currentThread().interrupt();
        Throwable t = catchThrowable(() -> run.apply(builder));
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(t).isInstanceOf(GraphBuildException.class);
        assertThat(((GraphBuildException) t).reason()).isEqualTo(GraphBuildException.Reason.CANCELLED);
    }

    @Test
    void positionalEncodings_aboveTheSiteLimit_stopWithWorkLimitBeforeTheCubicWork() {
        int n = PositionalEncoding.MAX_SITES + 1;
        int[] source = new int[n];
        for (int i = 0; i < n; i++) {
            source[i] = (i + 1) % n;
        }
        double[] vector = new double[3 * n];
        double[] length = new double[n];
        java.util.Arrays.fill(length, 1.0);
        NeighborList ring = new NeighborList(n, 1, source, new int[3 * n], vector, length, 8.0);
        Throwable t = assertTimeoutPreemptively(BOUND, () -> catchThrowable(
                () -> new PositionalEncoding(GraphSettings.defaults()).encode(ring)));
        assertThat(t).isInstanceOf(GraphBuildException.class).hasMessageContaining("2,001 sites");
        assertThat(((GraphBuildException) t).reason()).isEqualTo(GraphBuildException.Reason.WORK_LIMIT);
    }

    @Test
    void ordinaryStructures_spendAFractionOfTheirBudget() {
        KNearestGraphBuilder neighbours = new KNearestGraphBuilder(GraphSettings.defaults());
        for (Structure s : List.of(Crystals.rockSalt(5.64), Crystals.grapheneSheet(30),
                Crystals.random(Lattice.fromParameters(9, 11, 14, 80, 95, 105), 200, 1.2, 7))) {
            WorkBudget budget = KNearestGraphBuilder.budgetFor(s.size());
            Structure framed = builder.frame(s);
            neighbours.build(framed.lattice(), Crystals.fractional(framed), i -> "site " + i, budget);
            assertThat(budget.spent()).isPositive().isLessThan(budget.limit() / 10);
        }
    }

    @Test
    void isolatedSiteInAHugeCell_isStillAStructureException() {
        Structure s = new Structure(Lattice.cubic(500), List.of(Site.of("Na", 0, 0, 0), Site.of("Cl", 0.001, 0, 0)));
        assertThat(catchThrowable(() -> builder.build(s))).isInstanceOf(StructureException.class)
                .hasMessageContaining("isolated site");
    }
}
