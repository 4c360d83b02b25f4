package org.crystograph.training;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Prepares the items of a fixed sequence one ahead on a background thread: while the caller works on item i (a
 * training step in libtorch), item i + 1 is built in Java (line features, the batch's arrays). At most one item is
 * prepared ahead, so memory stays that of two batches.
 *
 * @param <S> what an item is built from
 * @param <T> the prepared item
 */
final class Prefetch<S, T> implements AutoCloseable {

    private final List<S> sources;
    private final Function<S, T> prepare;
    private final ExecutorService executor;
    private Future<T> next;
    private int nextIndex;

    private Prefetch(List<S> sources, Function<S, T> prepare) {
        this.sources = sources;
        this.prepare = prepare;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "crystograph-batch-prefetch");
            t.setDaemon(true);
            return t;
        });
        submit(0);
    }

    /** Starts preparing the first item. */
    static <S, T> Prefetch<S, T> of(List<S> sources, Function<S, T> prepare) {
        return new Prefetch<>(sources, prepare);
    }

    private void submit(int index) {
        nextIndex = index;
        next = index < sources.size() ? executor.submit(() -> prepare.apply(sources.get(index))) : null;
    }

    /**
     * The prepared item {@code index}; items must be taken in order, each once. Starts preparing the one after it.
     *
     * @throws IllegalStateException when taken out of order, or when preparing failed (with its cause)
     */
    T take(int index) {
        if (index != nextIndex || next == null) {
            throw new IllegalStateException("item " + index + " taken out of order (next is " + nextIndex + " of "
                    + sources.size() + ")");
        }
        T item;
        try {
            item = next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing a batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("preparing a batch failed: " + e.getCause(), e.getCause());
        }
        submit(index + 1);
        return item;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
