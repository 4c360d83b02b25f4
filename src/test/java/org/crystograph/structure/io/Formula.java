package org.crystograph.structure.io;

import java.util.Map;
import java.util.TreeMap;

/**
 * A small chemical-formula parser for tests ({@code "Ag0.02Ge2Pd1.98Sr1"}, {@code "C8 H10 N2 O4"},
 * {@code "Ca(OH)2"}), independent of the readers, giving element amounts and fractions.
 */
final class Formula {

    private Formula() {
    }

    static Map<String, Double> amounts(String formula) {
        int[] pos = {0};
        Map<String, Double> out = group(formula.replace(" ", ""), pos);
        if (pos[0] != formula.replace(" ", "").length()) {
            throw new IllegalArgumentException("cannot parse formula '" + formula + "' at " + pos[0]);
        }
        out.values().removeIf(v -> v == 0); // "Mn0": a zero amount means absent, as in pymatgen's Composition
        return out;
    }

    private static Map<String, Double> group(String s, int[] pos) {
        Map<String, Double> out = new TreeMap<>();
        while (pos[0] < s.length()) {
            char c = s.charAt(pos[0]);
            if (c == ')') {
                break;
            }
            Map<String, Double> part;
            if (c == '(') {
                pos[0]++;
                part = group(s, pos);
                if (pos[0] >= s.length() || s.charAt(pos[0]) != ')') {
                    throw new IllegalArgumentException("unclosed ( in '" + s + "'");
                }
                pos[0]++;
            } else if (Character.isUpperCase(c)) {
                int st = pos[0]++;
                while (pos[0] < s.length() && Character.isLowerCase(s.charAt(pos[0]))) {
                    pos[0]++;
                }
                part = new TreeMap<>(Map.of(s.substring(st, pos[0]), 1.0));
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' in formula '" + s + "'");
            }
            int st = pos[0];
            while (pos[0] < s.length() && (Character.isDigit(s.charAt(pos[0])) || s.charAt(pos[0]) == '.')) {
                pos[0]++;
            }
            double mult = st == pos[0] ? 1.0 : Double.parseDouble(s.substring(st, pos[0]));
            part.forEach((k, v) -> out.merge(k, v * mult, Double::sum));
        }
        return out;
    }

    /** Amounts divided by their sum. */
    static Map<String, Double> fractions(Map<String, Double> amounts) {
        double total = amounts.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> out = new TreeMap<>();
        amounts.forEach((k, v) -> out.put(k, v / total));
        return out;
    }

    /** Null when the fractions agree within {@code rel} relative per element, else a description of the mismatch. */
    static String mismatch(Map<String, Double> actual, Map<String, Double> expected, double rel) {
        Map<String, Double> a = fractions(actual);
        Map<String, Double> e = fractions(expected);
        if (!a.keySet().equals(e.keySet())) {
            return "elements " + a.keySet() + " vs " + e.keySet();
        }
        for (String k : e.keySet()) {
            if (Math.abs(a.get(k) - e.get(k)) > rel * e.get(k)) {
                return k + " fraction " + a.get(k) + " vs " + e.get(k) + " (cell " + actual + ")";
            }
        }
        return null;
    }
}
