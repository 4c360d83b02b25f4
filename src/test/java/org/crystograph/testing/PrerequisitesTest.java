package org.crystograph.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class PrerequisitesTest {

    @AfterEach
    void clearSwitch() {
        System.clearProperty(Prerequisites.SWITCH);
    }

    @Test
    void missingPrerequisite_skipsOnADeveloperMachine() {
        System.setProperty(Prerequisites.SWITCH, "false");
        assertThatThrownBy(() -> Prerequisites.require(false, "kubectl absent"))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("kubectl absent");
    }

    @Test
    void missingPrerequisite_failsWhenCiRequiresThem() {
        System.setProperty(Prerequisites.SWITCH, "true");
        assertThatThrownBy(() -> Prerequisites.require(false, "kubectl absent"))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("kubectl absent")
                .hasMessageContaining(Prerequisites.SWITCH);
    }

    @Test
    void presentPrerequisite_passesEitherWay() {
        System.setProperty(Prerequisites.SWITCH, "true");
        assertThatCode(() -> Prerequisites.require(true, "unused")).doesNotThrowAnyException();
    }
}
