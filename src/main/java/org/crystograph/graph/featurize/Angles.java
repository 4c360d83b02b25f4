package org.crystograph.graph.featurize;

/**
 * Pure-Java {@code atan2}, a transcription of fdlibm's {@code e_atan2.c} / {@code s_atan.c} (the algorithm behind
 * {@link StrictMath#atan2}; error below 1 ulp). On Java 17 {@code Math.atan2} and {@code Math.acos} are native calls
 * into fdlibm, which cost more than the rest of an edge's features; this version inlines. Signed zeros and the
 * quadrant rules follow IEEE 754 / C99 ({@code atan2(-0.0, -1) = -pi}). Inputs here are finite.
 */
final class Angles {

    private static final double PI = 3.1415926535897931160E+00;
    private static final double PI_LO = 1.2246467991473531772E-16;
    private static final double PI_O_2 = 1.5707963267948965580E+00;

    private static final double[] ATAN_HI = {
        4.63647609000806093515e-01, // atan(0.5) hi
        7.85398163397448278999e-01, // atan(1.0) hi
        9.82793723247329054082e-01, // atan(1.5) hi
        1.57079632679489655800e+00, // atan(inf) hi
    };
    private static final double[] ATAN_LO = {
        2.26987774529616870924e-17,
        3.06161699786838301793e-17,
        1.39033110312309984516e-17,
        6.12323399573676603587e-17,
    };
    private static final double AT0 = 3.33333333333329318027e-01;
    private static final double AT1 = -1.99999999998764832476e-01;
    private static final double AT2 = 1.42857142725034663711e-01;
    private static final double AT3 = -1.11111104054623557880e-01;
    private static final double AT4 = 9.09088713343650656196e-02;
    private static final double AT5 = -7.69187620504482999495e-02;
    private static final double AT6 = 6.66107313738753120669e-02;
    private static final double AT7 = -5.83357013379057348645e-02;
    private static final double AT8 = 4.97687799461593236017e-02;
    private static final double AT9 = -3.65315727442169155270e-02;
    private static final double AT10 = 1.62858201153657823623e-02;

    private Angles() {
    }

    /** atan(x) for finite x, |error| &lt; 1 ulp. */
    static double atan(double x) {
        double ax = Math.abs(x);
        int id;
        if (ax >= 0x1p66) {
            double z = ATAN_HI[3] + ATAN_LO[3];
            return x < 0 ? -z : z;
        }
        if (ax < 0.4375) {
            if (ax < 0x1p-27) {
                return x;
            }
            id = -1;
        } else if (ax < 1.1875) {
            if (ax < 0.6875) {
                id = 0;
                ax = (2.0 * ax - 1.0) / (2.0 + ax);
            } else {
                id = 1;
                ax = (ax - 1.0) / (ax + 1.0);
            }
        } else if (ax < 2.4375) {
            id = 2;
            ax = (ax - 1.5) / (1.0 + 1.5 * ax);
        } else {
            id = 3;
            ax = -1.0 / ax;
        }
        double v = id < 0 ? x : ax;
        double z = v * v;
        double w = z * z;
        double s1 = z * (AT0 + w * (AT2 + w * (AT4 + w * (AT6 + w * (AT8 + w * AT10)))));
        double s2 = w * (AT1 + w * (AT3 + w * (AT5 + w * (AT7 + w * AT9))));
        if (id < 0) {
            return v - v * (s1 + s2);
        }
        z = ATAN_HI[id] - ((v * (s1 + s2) - ATAN_LO[id]) - v);
        return x < 0 ? -z : z;
    }

    /** atan2(y, x) for finite y and x, as {@link StrictMath#atan2}. */
    static double atan2(double y, double x) {
        if (x == 1.0) {
            return atan(y);
        }
        boolean yNeg = Double.doubleToRawLongBits(y) < 0;
        boolean xNeg = Double.doubleToRawLongBits(x) < 0;
        if (y == 0.0) {
            if (!xNeg) {
                return y; // +-0
            }
            return yNeg ? -PI : PI;
        }
        if (x == 0.0) {
            return yNeg ? -PI_O_2 : PI_O_2;
        }
        int k = (Math.getExponent(y) - Math.getExponent(x));
        double z;
        if (k > 60) {
            z = PI_O_2 + 0.5 * PI_LO;
        } else if (xNeg && k < -60) {
            z = 0.0;
        } else {
            z = atan(Math.abs(y / x));
        }
        if (!xNeg) {
            return yNeg ? -z : z;
        }
        return yNeg ? (z - PI_LO) - PI : PI - (z - PI_LO);
    }
}
