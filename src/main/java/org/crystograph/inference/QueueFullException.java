package org.crystograph.inference;

import java.time.Duration;

/** A model's batching queue is full: the request is refused at once (back-pressure) instead of waiting unboundedly. */
public class QueueFullException extends RuntimeException {

    private final String model;
    private final Duration retryAfter;

    /**
     * @param model the model whose queue is full
     * @param capacity the queue's capacity
     * @param retryAfter suggested wait before retrying
     */
    public QueueFullException(String model, int capacity, Duration retryAfter) {
        super("the queue of model '" + model + "' is full (" + capacity + " waiting requests); retry later");
        this.model = model;
        this.retryAfter = retryAfter;
    }

    /** The model whose queue is full. */
    public String model() {
        return model;
    }

    /** Suggested wait before retrying. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
