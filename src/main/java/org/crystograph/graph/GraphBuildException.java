package org.crystograph.graph;

/**
 * Graph building stopped before it finished: the input asked for more work than graph building may do
 * ({@link Reason#WORK_LIMIT}), or the thread building it was interrupted ({@link Reason#CANCELLED}).
 *
 * <p>Not a {@link org.crystograph.structure.StructureException}: a cancelled build says nothing about its input. A
 * {@link Reason#WORK_LIMIT} failure does concern the input (a cell whose periodic images cannot be enumerated within
 * the bound, a structure too large for the positional encodings) and is answered like bad input; a
 * {@link Reason#CANCELLED} one is the caller's own doing (a deadline, a client that left, shutdown). A cancelled build
 * leaves the thread's interrupt flag set.
 */
public class GraphBuildException extends RuntimeException {

    /** Why graph building stopped. */
    public enum Reason {
        /** The input needs more work than the bound allows (the message names what was exceeded). */
        WORK_LIMIT,
        /** The building thread was interrupted (for example by {@code Future.cancel(true)}). */
        CANCELLED
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why graph building stopped
     * @param message what was exceeded, or where the build was cancelled
     */
    public GraphBuildException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A build stopped by an interrupt during {@code stage}; the interrupt flag stays set. */
    public static GraphBuildException cancelled(String stage) {
        return new GraphBuildException(Reason.CANCELLED, "graph building cancelled (thread interrupted) during " + stage);
    }

    /** Why graph building stopped. */
    public Reason reason() {
        return reason;
    }

    /**
     * Throws {@link Reason#CANCELLED} when the current thread has been interrupted, leaving its interrupt flag set.
     *
     * @param stage what was being done, for the message (e.g. "line-graph features")
     */
    public static void throwIfInterrupted(String stage) {
        if (Thread.currentThread().isInterrupted()) {
            throw cancelled(stage);
        }
    }
}
