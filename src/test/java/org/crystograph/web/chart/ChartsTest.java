package org.crystograph.web.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class ChartsTest {

    private static final double TOL = 1e-12;

    @Test
    void axis_bandGapRange_widensToNiceTicks() {
        Axis axis = Axis.covering(0.13, 4.87, 6);
        assertThat(axis.min()).isEqualTo(0.0);
        assertThat(axis.max()).isEqualTo(5.0, org.assertj.core.data.Offset.offset(TOL));
        assertThat(axis.step()).isEqualTo(1.0);
        assertThat(axis.ticks()).hasSize(6);
        assertThat(axis.label(2.0)).isEqualTo("2");
    }

    @Test
    void axis_smallNegativeRange_usesDecimalLabels() {
        Axis axis = Axis.covering(-0.37, 0.21, 6);
        assertThat(axis.step()).isEqualTo(0.1, org.assertj.core.data.Offset.offset(TOL));
        assertThat(axis.min()).isEqualTo(-0.4, org.assertj.core.data.Offset.offset(TOL));
        assertThat(axis.max()).isEqualTo(0.3, org.assertj.core.data.Offset.offset(TOL));
        assertThat(axis.label(-0.2)).isEqualTo("-0.2");
        assertThat(axis.label(1e-17)).isEqualTo("0.0");
    }

    @Test
    void axis_singleValue_isWidened() {
        Axis axis = Axis.covering(3.0, 3.0, 5);
        assertThat(axis.min()).isLessThan(3.0);
        assertThat(axis.max()).isGreaterThan(3.0);
    }

    @Test
    void axis_rejectsNonFiniteBounds() {
        assertThatThrownBy(() -> Axis.covering(Double.NaN, 1, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
    }

    @Test
    void parityPoint_rejectsInfinitePrediction() {
        assertThatThrownBy(() -> new ParityPoint(1.0, Double.POSITIVE_INFINITY, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
    }

    @Test
    void parityPlot_hasOnePointPerSample_andIsWellFormedXml() throws Exception {
        List<ParityPoint> points = samples(137);
        String svg = ParityPlot.render(points, "band gap", "eV", 5);
        Document doc = parse(svg);
        int circles = 0;
        var all = doc.getElementsByTagName("circle");
        for (int i = 0; i < all.getLength(); i++) {
            if ("point".equals(all.item(i).getAttributes().getNamedItem("class") == null ? null
                    : all.item(i).getAttributes().getNamedItem("class").getNodeValue())) {
                circles++;
            }
        }
        assertThat(circles).isEqualTo(137);
        assertThat(svg).contains("role=\"img\"").contains("137 test samples").contains("true band gap (eV)");
    }

    @Test
    void parityPlot_perfectPrediction_liesOnTheDiagonal() throws Exception {
        String svg = ParityPlot.render(List.of(new ParityPoint(1, 1, 0), new ParityPoint(3, 3, 1)), "gap", "eV", 2);
        Document doc = parse(svg);
        var circles = doc.getElementsByTagName("circle");
        for (int i = 0; i < circles.getLength(); i++) {
            var attrs = circles.item(i).getAttributes();
            if (!"point".equals(attrs.getNamedItem("class") == null ? null
                    : attrs.getNamedItem("class").getNodeValue())) {
                continue;
            }
            double cx = Double.parseDouble(attrs.getNamedItem("cx").getNodeValue());
            double cy = Double.parseDouble(attrs.getNamedItem("cy").getNodeValue());
            // square plot: x from 64 to 464, y from 428 to 16; on y = x, (cx - 64) / 400 == (428 - cy) / 412
            assertThat((cx - 64) / 400.0).isCloseTo((428 - cy) / 412.0, org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    @Test
    void parityPlot_escapesMarkupInLabels() throws Exception {
        String svg = ParityPlot.render(samples(3), "a<b & \"c\"", "eV", 5);
        parse(svg);
        assertThat(svg).doesNotContain("a<b").contains("a&lt;b &amp; &quot;c&quot;");
    }

    @Test
    void histogram_countsSumToSamples_andBinsAreNice() throws Exception {
        List<ParityPoint> points = samples(200);
        double[] errors = points.stream().mapToDouble(ParityPoint::error).toArray();
        double lo = java.util.Arrays.stream(errors).min().orElseThrow();
        double hi = java.util.Arrays.stream(errors).max().orElseThrow();
        Axis bins = ErrorHistogram.binning(lo, hi, errors.length);
        int[] counts = ErrorHistogram.counts(errors, bins);
        assertThat(java.util.Arrays.stream(counts).sum()).isEqualTo(200);
        assertThat(counts.length).isBetween(5, 40);
        String svg = ErrorHistogram.render(points, "eV");
        Document doc = parse(svg);
        var rects = doc.getElementsByTagName("rect");
        int total = 0;
        for (int i = 0; i < rects.getLength(); i++) {
            total += Integer.parseInt(rects.item(i).getAttributes().getNamedItem("data-count").getNodeValue());
        }
        assertThat(rects.getLength()).isEqualTo(counts.length);
        assertThat(total).isEqualTo(200);
    }

    @Test
    void histogram_handCountedErrors() {
        Axis axis = new Axis(-1.0, 1.0, 0.5);
        int[] counts = ErrorHistogram.counts(new double[] {-1.0, -0.6, -0.1, 0.0, 0.2, 0.49, 1.0}, axis);
        assertThat(counts).containsExactly(2, 1, 3, 1);
    }

    private static List<ParityPoint> samples(int n) {
        Random random = new Random(7);
        List<ParityPoint> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double truth = 5 * random.nextDouble();
            points.add(new ParityPoint(truth, truth + 0.3 * random.nextGaussian(), i % 5));
        }
        return points;
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }
}
