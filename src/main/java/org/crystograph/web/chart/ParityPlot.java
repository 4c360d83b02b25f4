package org.crystograph.web.chart;

import java.util.List;

/**
 * Draws predicted against true values as an inline SVG: one {@code <circle class="point">} per sample, coloured by
 * test fold (Okabe-Ito palette, readable with colour-vision deficiencies), the y = x diagonal, shared nice axes and a
 * fold legend. Coordinates are rounded to 0.1 px. Pure and deterministic.
 */
public final class ParityPlot {

    /** Width and height of the drawing in px. */
    static final int SIZE_PX = 480;
    private static final int MARGIN_LEFT_PX = 64;
    private static final int MARGIN_BOTTOM_PX = 52;
    private static final int MARGIN_TOP_PX = 16;
    private static final int MARGIN_RIGHT_PX = 16;
    private static final double POINT_RADIUS_PX = 3;
    private static final int TARGET_TICKS = 6;
    private static final int TICK_LENGTH_PX = 5;
    /** One colour per fold (Okabe-Ito); folds beyond the palette reuse it cyclically. */
    static final String[] FOLD_COLOURS = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9"};

    private ParityPlot() {
    }

    /**
     * Renders the plot.
     *
     * @param points the test samples (at least one)
     * @param quantity what is plotted, e.g. "band gap"
     * @param unit the unit of the labels, e.g. "eV" (may be empty)
     * @param folds number of folds, for the legend
     * @return an {@code <svg>} element with {@code role="img"} and a title
     */
    public static String render(List<ParityPoint> points, String quantity, String unit, int folds) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a parity plot needs at least one point");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (ParityPoint p : points) {
            lo = Math.min(lo, Math.min(p.truth(), p.predicted()));
            hi = Math.max(hi, Math.max(p.truth(), p.predicted()));
        }
        Axis axis = Axis.covering(lo, hi, TARGET_TICKS);
        double left = MARGIN_LEFT_PX;
        double right = SIZE_PX - MARGIN_RIGHT_PX;
        double top = MARGIN_TOP_PX;
        double bottom = SIZE_PX - MARGIN_BOTTOM_PX;
        String unitSuffix = unit == null || unit.isBlank() ? "" : " (" + unit + ")";
        String title = "Parity plot: predicted against true " + quantity + unitSuffix + ", " + points.size()
                + " test samples";

        StringBuilder svg = new StringBuilder(points.size() * 80 + 4096);
        svg.append("<svg class=\"chart parity\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(SIZE_PX).append(' ').append(SIZE_PX).append("\" width=\"").append(SIZE_PX)
                .append("\" height=\"").append(SIZE_PX).append("\" role=\"img\" aria-labelledby=\"parity-title\">")
                .append("<title id=\"parity-title\">").append(Svg.escape(title)).append("</title>");
        // frame and grid
        svg.append("<g class=\"axes\" stroke=\"#888\" stroke-width=\"1\" fill=\"none\">");
        svg.append("<rect x=\"").append(Svg.px(left)).append("\" y=\"").append(Svg.px(top)).append("\" width=\"")
                .append(Svg.px(right - left)).append("\" height=\"").append(Svg.px(bottom - top)).append("\"/>");
        svg.append("</g>");
        svg.append("<g class=\"ticks\" font-size=\"11\" fill=\"#222\">");
        for (double t : axis.ticks()) {
            double x = axis.toPixel(t, left, right);
            double y = axis.toPixel(t, bottom, top);
            svg.append("<line x1=\"").append(Svg.px(x)).append("\" y1=\"").append(Svg.px(bottom))
                    .append("\" x2=\"").append(Svg.px(x)).append("\" y2=\"").append(Svg.px(bottom + TICK_LENGTH_PX))
                    .append("\" stroke=\"#888\"/>");
            svg.append("<text x=\"").append(Svg.px(x)).append("\" y=\"").append(Svg.px(bottom + 18))
                    .append("\" text-anchor=\"middle\">").append(axis.label(t)).append("</text>");
            svg.append("<line x1=\"").append(Svg.px(left - TICK_LENGTH_PX)).append("\" y1=\"").append(Svg.px(y))
                    .append("\" x2=\"").append(Svg.px(left)).append("\" y2=\"").append(Svg.px(y))
                    .append("\" stroke=\"#888\"/>");
            svg.append("<text x=\"").append(Svg.px(left - 8)).append("\" y=\"").append(Svg.px(y + 4))
                    .append("\" text-anchor=\"end\">").append(axis.label(t)).append("</text>");
        }
        svg.append("</g>");
        // axis titles
        svg.append("<text class=\"axis-title\" x=\"").append(Svg.px((left + right) / 2)).append("\" y=\"")
                .append(Svg.px(SIZE_PX - 12)).append("\" text-anchor=\"middle\" font-size=\"13\">true ")
                .append(Svg.escape(quantity + unitSuffix)).append("</text>");
        svg.append("<text class=\"axis-title\" transform=\"translate(16,").append(Svg.px((top + bottom) / 2))
                .append(") rotate(-90)\" text-anchor=\"middle\" font-size=\"13\">predicted ")
                .append(Svg.escape(quantity + unitSuffix)).append("</text>");
        // y = x
        svg.append("<line class=\"diagonal\" x1=\"").append(Svg.px(left)).append("\" y1=\"").append(Svg.px(bottom))
                .append("\" x2=\"").append(Svg.px(right)).append("\" y2=\"").append(Svg.px(top))
                .append("\" stroke=\"#444\" stroke-dasharray=\"4 3\"/>");
        // points
        svg.append("<g class=\"points\" fill-opacity=\"0.65\">");
        for (ParityPoint p : points) {
            svg.append("<circle class=\"point\" cx=\"").append(Svg.px(axis.toPixel(p.truth(), left, right)))
                    .append("\" cy=\"").append(Svg.px(axis.toPixel(p.predicted(), bottom, top)))
                    .append("\" r=\"").append(Svg.px(POINT_RADIUS_PX)).append("\" fill=\"")
                    .append(colour(p.fold())).append("\" data-fold=\"").append(p.fold()).append("\"/>");
        }
        svg.append("</g>");
        // legend
        svg.append("<g class=\"legend\" font-size=\"11\" fill=\"#222\">");
        for (int f = 0; f < folds; f++) {
            double y = top + 12 + f * 15;
            svg.append("<circle cx=\"").append(Svg.px(left + 12)).append("\" cy=\"").append(Svg.px(y))
                    .append("\" r=\"4\" fill=\"").append(colour(f)).append("\"/>");
            svg.append("<text x=\"").append(Svg.px(left + 20)).append("\" y=\"").append(Svg.px(y + 4))
                    .append("\">fold ").append(f).append("</text>");
        }
        svg.append("</g></svg>");
        return svg.toString();
    }

    static String colour(int fold) {
        return FOLD_COLOURS[fold % FOLD_COLOURS.length];
    }
}
