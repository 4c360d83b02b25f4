package org.crystograph.web.chart;

import java.util.Locale;

/** Small helpers shared by the SVG charts: number formatting and XML escaping. */
final class Svg {

    private Svg() {
    }

    /** A pixel coordinate with one decimal (enough for a screen, and it keeps the markup short). */
    static String px(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Escapes text for use in SVG/XML content and attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
