package org.crystograph.api;

import org.crystograph.graph.GraphBuildException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.concurrent.CountDownLatch;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.GraphSettings;
import org.crystograph.structure.Structure;

/**
 * The service's structure reader with graph building made slow on purpose: the graph of any structure holding krypton
 * takes until its thread is interrupted (as an expensive structure would take very long), and of any holding xenon
 * exceeds the work bound at once. Other structures get their real graph. Enabled only by the test profiles that name it.
 */
@Alternative
@ApplicationScoped
public class SlowGraphs extends StructureInputReader {

    /** The element whose structures never finish building. */
    static final String SLOW_ELEMENT = "Kr";

    /** The element whose structures exceed graph building's work bound at once. */
    static final String TOO_EXPENSIVE_ELEMENT = "Xe";

    /** Counted down when a slow build begins. */
    static volatile CountDownLatch started = new CountDownLatch(1);
    /** Counted down when a slow build was interrupted. */
    static volatile CountDownLatch interrupted = new CountDownLatch(1);

    /** Fresh latches for the next slow build. */
    static void reset() {
        started = new CountDownLatch(1);
        interrupted = new CountDownLatch(1);
    }

    @Override
    public CrystalGraph graph(Structure structure, GraphSettings settings) {
        if (structure.composition().containsKey(TOO_EXPENSIVE_ELEMENT)) {
            throw new GraphBuildException(GraphBuildException.Reason.WORK_LIMIT,
                    "periodic images examined exceed the bound (test)");
        }
        if (!structure.composition().containsKey(SLOW_ELEMENT)) {
            return super.graph(structure, settings);
        }
        started.countDown();
        while (!Thread.currentThread().isInterrupted()) {
            Thread.onSpinWait();
        }
        interrupted.countDown();
        throw GraphBuildException.cancelled("a slow test build");
    }
}
