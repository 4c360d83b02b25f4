package org.crystograph.graph;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * A bound on the work of one graph-building step, and the place where that step notices an interrupt.
 *
 * <p>Work is counted in units of one cell-list bin visited or one candidate neighbour (site image) examined, a few
 * nanoseconds each. A step {@linkplain #spend spends} units as it goes; past the limit it stops with
 * {@link GraphBuildException.Reason#WORK_LIMIT}, and every {@link #CHECK_INTERVAL_UNITS} units (well under a
 * millisecond of work) it checks the thread's interrupt flag and stops with
 * {@link GraphBuildException.Reason#CANCELLED} when it is set. Not thread-safe: one budget per build.
 */
public final class WorkBudget {

    /**
     * Units between two interrupt checks: 65,536 bin visits or distance evaluations, about 0.1-0.5 ms of neighbour
     * search on this project's reference machine, so a cancelled build stops within a millisecond.
     */
    public static final long CHECK_INTERVAL_UNITS = 1 << 16;

    private final long limit;
    private final String step;
    private final Supplier<String> limitReason;
    private long spent;
    private long nextCheck = CHECK_INTERVAL_UNITS;

    /**
     * A budget of {@code limit} units.
     *
     * @param limit most units the step may spend
     * @param step what is bounded, for messages (e.g. "neighbour search")
     * @param limitReason how the limit was set, for messages (e.g. "1,000,000 + 20,000 per site x 8 sites"); asked
     *     only when the limit is exceeded
     */
    public WorkBudget(long limit, String step, Supplier<String> limitReason) {
        if (limit < 0) {
            throw new IllegalArgumentException("work limit must be >= 0, got " + limit);
        }
        this.limit = limit;
        this.step = step;
        this.limitReason = limitReason;
    }

    /** Units spent so far. */
    public long spent() {
        return spent;
    }

    /** The limit in units. */
    public long limit() {
        return limit;
    }

    /**
     * Records {@code units} of work done.
     *
     * @throws GraphBuildException WORK_LIMIT past the limit, CANCELLED when the thread has been interrupted
     */
    public void spend(long units) {
        spent += units;
        if (spent > limit) {
            throw exceeded(String.format(Locale.ROOT, "%s needed more than %,d work units", step, limit));
        }
        if (spent >= nextCheck) {
            nextCheck = spent + CHECK_INTERVAL_UNITS;
            GraphBuildException.throwIfInterrupted(step);
        }
    }

    /**
     * Whether a loop of {@code units} iterations could still finish within the budget; a caller that gets false
     * throws {@link #exceeded} before it starts the loop.
     *
     * @param units iterations the loop would take (false for infinity or NaN, a range that cannot be counted)
     */
    public boolean allows(double units) {
        return units <= limit - spent;
    }

    /**
     * The WORK_LIMIT exception for this budget.
     *
     * @param what what would exceed it, for the message (e.g. "the neighbour query of site 0 would visit ...")
     */
    public GraphBuildException exceeded(String what) {
        return new GraphBuildException(GraphBuildException.Reason.WORK_LIMIT, what + ": above the work limit of "
                + String.format(Locale.ROOT, "%,d", limit) + " units (" + limitReason.get() + ") of the " + step);
    }
}
