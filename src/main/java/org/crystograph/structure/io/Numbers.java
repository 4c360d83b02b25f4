package org.crystograph.structure.io;

/**
 * Allocation-free decimal parsing over character ranges for the readers' hot loops.
 *
 * <p>Exact: numbers with at most 15 significant digits and a decimal exponent within +-22 are converted with one
 * correctly rounded multiplication or division of two exactly representable doubles (Clinger's fast path), so the
 * result equals {@link Double#parseDouble}; anything else falls back to {@link Double#parseDouble}.
 */
final class Numbers {

    private static final int FAST_DIGITS = 15;
    private static final int FAST_EXPONENT = 22;
    private static final double[] POW10 = new double[FAST_EXPONENT + 1];

    static {
        double p = 1;
        for (int i = 0; i <= FAST_EXPONENT; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private Numbers() {
    }

    /**
     * Parses a plain decimal number: optional sign, digits with an optional point, optional exponent
     * ({@code e}/{@code E}/{@code d}/{@code D}). With {@code allowUncertainty}, a trailing {@code (digits)} standard
     * uncertainty is accepted and ignored ({@code 5.4307(2)} -> 5.4307).
     *
     * @return the value, or NaN when the range is not such a number (NaN and infinities are not numbers here)
     */
    static double parse(char[] b, int s, int e, boolean allowUncertainty) {
        if (allowUncertainty && e > s && b[e - 1] == ')') {
            int open = e - 2;
            while (open > s && b[open] >= '0' && b[open] <= '9') {
                open--;
            }
            if (open <= s || b[open] != '(' || open == e - 2) {
                return Double.NaN;
            }
            e = open;
        }
        int i = s;
        if (i >= e) {
            return Double.NaN;
        }
        boolean negative = false;
        if (b[i] == '+' || b[i] == '-') {
            negative = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int exp10 = 0;
        int digits = 0;
        boolean overflow = false;
        while (i < e && b[i] >= '0' && b[i] <= '9') {
            int d = b[i] - '0';
            if (significant > 0 || d != 0) {
                significant++;
            }
            if (significant <= FAST_DIGITS) {
                mantissa = mantissa * 10 + d;
            } else {
                overflow = true;
            }
            digits++;
            i++;
        }
        if (i < e && b[i] == '.') {
            i++;
            while (i < e && b[i] >= '0' && b[i] <= '9') {
                int d = b[i] - '0';
                if (significant > 0 || d != 0) {
                    significant++;
                }
                if (significant <= FAST_DIGITS) {
                    mantissa = mantissa * 10 + d;
                    exp10--;
                } else {
                    overflow = true;
                }
                digits++;
                i++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < e && (b[i] == 'e' || b[i] == 'E' || b[i] == 'd' || b[i] == 'D')) {
            i++;
            boolean expNeg = false;
            if (i < e && (b[i] == '+' || b[i] == '-')) {
                expNeg = b[i] == '-';
                i++;
            }
            int expDigits = 0;
            int x = 0;
            while (i < e && b[i] >= '0' && b[i] <= '9') {
                if (x < 100_000) {
                    x = x * 10 + (b[i] - '0');
                }
                expDigits++;
                i++;
            }
            if (expDigits == 0) {
                return Double.NaN;
            }
            exp10 += expNeg ? -x : x;
        }
        if (i != e) {
            return Double.NaN;
        }
        double v;
        if (!overflow && exp10 >= -FAST_EXPONENT && exp10 <= FAST_EXPONENT) {
            v = exp10 < 0 ? mantissa / POW10[-exp10] : mantissa * POW10[exp10];
        } else {
            String t = new String(b, s, e - s).replace('d', 'e').replace('D', 'e');
            v = Math.abs(Double.parseDouble(t));
        }
        v = negative ? -v : v;
        return Double.isFinite(v) ? v : Double.NaN;
    }

    /** {@link #parse(char[], int, int, boolean)} over a string, without uncertainties. */
    static double parse(String s) {
        return parse(s.toCharArray(), 0, s.length(), false);
    }
}
