package org.crystograph.web.chart;

import java.util.List;

/**
 * Draws the distribution of signed errors (predicted minus true) as an inline SVG histogram: one
 * {@code <rect class="bar">} per bin (empty bins included, with zero height) on nice bin edges, a marker at zero error,
 * and a {@code <title>} per bar giving its interval and count. Pure and deterministic.
 */
public final class ErrorHistogram {

    private static final int WIDTH_PX = 560;
    private static final int HEIGHT_PX = 320;
    private static final int MARGIN_LEFT_PX = 56;
    private static final int MARGIN_BOTTOM_PX = 52;
    private static final int MARGIN_TOP_PX = 16;
    private static final int MARGIN_RIGHT_PX = 16;
    private static final int MIN_BINS = 5;
    private static final int MAX_BINS = 30;
    private static final int COUNT_TICKS = 5;

    private ErrorHistogram() {
    }

    /**
     * Bin counts over the given axis: bin i covers {@code [min + i step, min + (i+1) step)}, the last bin is closed.
     *
     * @param errors signed errors
     * @param axis bin edges
     * @return counts per bin; they sum to {@code errors.length}
     */
    public static int[] counts(double[] errors, Axis axis) {
        int bins = (int) Math.round((axis.max() - axis.min()) / axis.step());
        int[] counts = new int[bins];
        for (double e : errors) {
            int bin = (int) Math.floor((e - axis.min()) / axis.step());
            counts[Math.max(0, Math.min(bins - 1, bin))]++;
        }
        return counts;
    }

    /** Bin edges for {@code n} errors in {@code [lo, hi]}: about sqrt(n) bins, between 5 and 30. */
    public static Axis binning(double lo, double hi, int n) {
        int target = (int) Math.max(MIN_BINS, Math.min(MAX_BINS, Math.ceil(Math.sqrt(n))));
        return Axis.covering(lo, hi, target);
    }

    /**
     * Renders the histogram of {@code predicted - truth} over the points.
     *
     * @param points the test samples (at least one)
     * @param unit unit of the errors (may be empty)
     * @return an {@code <svg>} element with {@code role="img"} and a title
     */
    public static String render(List<ParityPoint> points, String unit) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a histogram needs at least one error");
        }
        double[] errors = points.stream().mapToDouble(ParityPoint::error).toArray();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double e : errors) {
            lo = Math.min(lo, e);
            hi = Math.max(hi, e);
        }
        Axis x = binning(lo, hi, errors.length);
        int[] counts = counts(errors, x);
        int maxCount = 0;
        for (int c : counts) {
            maxCount = Math.max(maxCount, c);
        }
        Axis y = Axis.covering(0, maxCount, Math.min(COUNT_TICKS, maxCount));
        double left = MARGIN_LEFT_PX;
        double right = WIDTH_PX - MARGIN_RIGHT_PX;
        double top = MARGIN_TOP_PX;
        double bottom = HEIGHT_PX - MARGIN_BOTTOM_PX;
        String unitSuffix = unit == null || unit.isBlank() ? "" : " (" + unit + ")";

        StringBuilder svg = new StringBuilder(8192);
        svg.append("<svg class=\"chart histogram\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(WIDTH_PX).append(' ').append(HEIGHT_PX).append("\" width=\"").append(WIDTH_PX)
                .append("\" height=\"").append(HEIGHT_PX)
                .append("\" role=\"img\" aria-labelledby=\"histogram-title\">")
                .append("<title id=\"histogram-title\">").append(Svg.escape("Histogram of errors (predicted minus true"
                        + unitSuffix + ") over " + errors.length + " test samples, " + counts.length + " bins"))
                .append("</title>");
        svg.append("<g class=\"ticks\" font-size=\"11\" fill=\"#222\">");
        for (double t : x.ticks()) {
            double px = x.toPixel(t, left, right);
            svg.append("<line x1=\"").append(Svg.px(px)).append("\" y1=\"").append(Svg.px(bottom)).append("\" x2=\"")
                    .append(Svg.px(px)).append("\" y2=\"").append(Svg.px(bottom + 5)).append("\" stroke=\"#888\"/>");
        }
        // label every other edge when there are many bins, so labels do not collide
        List<Double> xTicks = x.ticks();
        int every = xTicks.size() > 12 ? (int) Math.ceil(xTicks.size() / 8.0) : 1;
        for (int i = 0; i < xTicks.size(); i += every) {
            svg.append("<text x=\"").append(Svg.px(x.toPixel(xTicks.get(i), left, right))).append("\" y=\"")
                    .append(Svg.px(bottom + 18)).append("\" text-anchor=\"middle\">").append(x.label(xTicks.get(i)))
                    .append("</text>");
        }
        for (double t : y.ticks()) {
            double py = y.toPixel(t, bottom, top);
            svg.append("<line x1=\"").append(Svg.px(left)).append("\" y1=\"").append(Svg.px(py)).append("\" x2=\"")
                    .append(Svg.px(right)).append("\" y2=\"").append(Svg.px(py)).append("\" stroke=\"#e4e4e4\"/>");
            svg.append("<text x=\"").append(Svg.px(left - 8)).append("\" y=\"").append(Svg.px(py + 4))
                    .append("\" text-anchor=\"end\">").append(y.label(t)).append("</text>");
        }
        svg.append("</g>");
        svg.append("<g class=\"bars\" fill=\"#0072B2\">");
        for (int i = 0; i < counts.length; i++) {
            double from = x.min() + i * x.step();
            double to = from + x.step();
            double x0 = x.toPixel(from, left, right);
            double x1 = x.toPixel(to, left, right);
            double y0 = y.toPixel(counts[i], bottom, top);
            svg.append("<rect class=\"bar\" x=\"").append(Svg.px(x0 + 0.5)).append("\" y=\"").append(Svg.px(y0))
                    .append("\" width=\"").append(Svg.px(Math.max(0, x1 - x0 - 1))).append("\" height=\"")
                    .append(Svg.px(bottom - y0)).append("\" data-count=\"").append(counts[i]).append("\"><title>")
                    .append(x.label(from)).append(" to ").append(x.label(to)).append(Svg.escape(unitSuffix))
                    .append(": ").append(counts[i]).append("</title></rect>");
        }
        svg.append("</g>");
        if (x.min() < 0 && x.max() > 0) {
            double zero = x.toPixel(0, left, right);
            svg.append("<line class=\"zero\" x1=\"").append(Svg.px(zero)).append("\" y1=\"").append(Svg.px(top))
                    .append("\" x2=\"").append(Svg.px(zero)).append("\" y2=\"").append(Svg.px(bottom))
                    .append("\" stroke=\"#D55E00\" stroke-width=\"1.5\"/>");
        }
        svg.append("<line x1=\"").append(Svg.px(left)).append("\" y1=\"").append(Svg.px(bottom)).append("\" x2=\"")
                .append(Svg.px(right)).append("\" y2=\"").append(Svg.px(bottom)).append("\" stroke=\"#888\"/>");
        svg.append("<text class=\"axis-title\" x=\"").append(Svg.px((left + right) / 2)).append("\" y=\"")
                .append(Svg.px(HEIGHT_PX - 12)).append("\" text-anchor=\"middle\" font-size=\"13\">")
                .append(Svg.escape("error, predicted minus true" + unitSuffix)).append("</text>");
        svg.append("<text class=\"axis-title\" transform=\"translate(14,").append(Svg.px((top + bottom) / 2))
                .append(") rotate(-90)\" text-anchor=\"middle\" font-size=\"13\">samples</text>");
        svg.append("</svg>");
        return svg.toString();
    }
}
