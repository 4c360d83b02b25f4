package org.crystograph.inference;

/**
 * The engine was shut down (the service is stopping) before it ran a request: nothing is wrong with the request, so
 * the edge answers 503 and the client retries, on another replica.
 */
public class EngineStoppedException extends InferenceException {

    /** For model {@code model}. */
    public EngineStoppedException(String model) {
        super("model '" + model + "' was shut down before it ran this request");
    }
}
