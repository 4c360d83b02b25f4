package org.crystograph.benchmark;

/** A task's data files are present but unreadable or inconsistent (bad label, missing column, wrong layout). */
public class TaskDataException extends RuntimeException {

    /** @param message what is wrong, naming the file, row and value */
    public TaskDataException(String message) {
        super(message);
    }

    /** @param message what is wrong; @param cause the underlying failure */
    public TaskDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
