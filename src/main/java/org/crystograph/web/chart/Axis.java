package org.crystograph.web.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A linear axis: a data interval widened to "nice" tick values (1, 2 or 5 times a power of ten) and mapped onto a
 * pixel interval. Pure; used by the server-side SVG charts.
 *
 * @param min data value at the start of the axis (a tick)
 * @param max data value at the end of the axis (a tick), greater than {@code min}
 * @param step distance between ticks in data units
 */
public record Axis(double min, double max, double step) {

    /** Multipliers of a power of ten that make readable tick steps. */
    private static final double[] NICE_STEPS = {1, 2, 5, 10};

    /** Validates the interval. */
    public Axis {
        if (!(max > min) || !(step > 0) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("axis needs finite min < max and step > 0, got [" + min + ", " + max
                    + "] step " + step);
        }
    }

    /**
     * The smallest nice axis covering {@code [lo, hi]} with about {@code targetTicks} intervals. A degenerate
     * interval (lo == hi) is widened by one unit on each side (or 1% of its magnitude when that is larger).
     *
     * @throws IllegalArgumentException when a bound is not finite or {@code lo > hi}
     */
    public static Axis covering(double lo, double hi, int targetTicks) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi || targetTicks < 1) {
            throw new IllegalArgumentException("cannot build an axis over [" + lo + ", " + hi + "] with "
                    + targetTicks + " ticks");
        }
        if (lo == hi) {
            double pad = Math.max(1.0, Math.abs(lo) * 0.01);
            lo -= pad;
            hi += pad;
        }
        double raw = (hi - lo) / targetTicks;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude * NICE_STEPS[NICE_STEPS.length - 1];
        for (double m : NICE_STEPS) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        double min = Math.floor(lo / step) * step;
        double max = Math.ceil(hi / step) * step;
        if (max <= min) {
            max = min + step;
        }
        return new Axis(min, max, step);
    }

    /** Tick values from {@code min} to {@code max} inclusive. */
    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        long count = Math.round((max - min) / step);
        for (long i = 0; i <= count; i++) {
            ticks.add(min + i * step);
        }
        return ticks;
    }

    /** Maps a data value linearly onto {@code [fromPx, toPx]} (toPx may be smaller, for a y axis). */
    public double toPixel(double value, double fromPx, double toPx) {
        return fromPx + (value - min) / (max - min) * (toPx - fromPx);
    }

    /** A tick label with no more decimals than the step needs ({@code 0.5}, {@code 10}, {@code 0.02}). */
    public String label(double value) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        double rounded = Math.abs(value) < step * 1e-9 ? 0.0 : value;
        return String.format(Locale.ROOT, "%." + decimals + "f", rounded);
    }
}
