package org.crystograph.graph.featurize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pure-Java atan2 against {@link StrictMath#atan2} (fdlibm), bit for bit. */
class AnglesTest {

    @Test
    void atan2_equalsStrictMathBitForBit_includingSignedZerosAndQuadrants() {
        Random rnd = new Random(17);
        for (int i = 0; i < 200_000; i++) {
            double y = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(16) - 8);
            double x = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(16) - 8);
            if (i % 7 == 0) {
                y = rnd.nextBoolean() ? 0.0 : -0.0;
            }
            if (i % 11 == 0) {
                x = rnd.nextBoolean() ? 1.0 : -1.0;
            }
            if (i % 13 == 0) {
                x = rnd.nextBoolean() ? 0.0 : -0.0;
            }
            assertThat(Double.doubleToRawLongBits(Angles.atan2(y, x)))
                    .as("atan2(%s, %s)", y, x).isEqualTo(Double.doubleToRawLongBits(StrictMath.atan2(y, x)));
        }
    }

    @Test
    void polarAngleViaAtan2_matchesArccos() {
        Random rnd = new Random(3);
        for (int i = 0; i < 100_000; i++) {
            double x = rnd.nextGaussian();
            double y = rnd.nextGaussian();
            double z = rnd.nextGaussian();
            double r = Math.sqrt(x * x + y * y + z * z);
            // arccos loses digits near the poles (its slope grows as 1/sqrt(1 - u^2)); atan2 does not
            assertThat(Angles.atan2(Math.sqrt(x * x + y * y), z)).isCloseTo(Math.acos(z / r), within(1e-11));
        }
    }
}
