package org.crystograph.testing;

import java.util.function.Supplier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one gate for tests that need something outside the repository: the datasets directory, Chromium with
 * ChromeDriver, kubectl. On a newcomer's machine a missing prerequisite skips the test with the reason; with
 * {@value #SWITCH} set to {@code true} (as {@code .ci/run} does) it fails the test instead, so CI never reports a
 * skipped check as passed.
 */
public final class Prerequisites {

    /** Environment variable (or system property of the same name) that turns a missing prerequisite into a failure. */
    public static final String SWITCH = "CRYSTOGRAPH_REQUIRE_PREREQUISITES";

    private Prerequisites() {
    }

    /** Whether a missing prerequisite fails the build here. */
    public static boolean required() {
        String value = System.getProperty(SWITCH, System.getenv(SWITCH));
        return value != null && (value.equalsIgnoreCase("true") || value.equals("1"));
    }

    /**
     * Continues when {@code present}; otherwise skips the test, or fails it when prerequisites are required.
     *
     * @param present whether the prerequisite is there
     * @param missing what is missing and how to provide it
     */
    public static void require(boolean present, String missing) {
        require(present, () -> missing);
    }

    /** As {@link #require(boolean, String)}, with the message built only when needed. */
    public static void require(boolean present, Supplier<String> missing) {
        if (present) {
            return;
        }
        if (required()) {
            Assertions.fail("prerequisite missing (" + SWITCH + " is set, so this fails instead of skipping): "
                    + missing.get());
        }
        Assumptions.abort(missing.get());
    }
}
