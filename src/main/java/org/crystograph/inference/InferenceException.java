package org.crystograph.inference;

/** The model failed on an input that passed validation, or the engine is not running: a server-side fault. */
public class InferenceException extends RuntimeException {

    /** With a cause. */
    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Without a cause. */
    public InferenceException(String message) {
        super(message);
    }
}
