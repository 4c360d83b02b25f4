package org.crystograph.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded text mutations of structure files, aimed at what readers and graph building must survive: flipped bytes,
 * hostile numbers (NaN, inf, 1e400, 1e-30), truncation, garbage symmetry operations, absurd lattices, long lines,
 * duplicated atom lines (coincident atoms), changed counts and spliced files. Deterministic for a given
 * {@link Random}.
 */
final class Mutator {

    /** Numbers a reader must refuse or survive in place of any number of a file. */
    private static final String[] HOSTILE_NUMBERS = {
        "NaN", "nan", "inf", "-inf", "Infinity", "1e400", "-1e400", "1e-400", "0", "-0", "0.0", "1e30", "1e-30",
        "1e8", "-1e8", "-1", "1e6", "1e7", "9999999999", "99999999999999999999", "1e308", "4.9e-324", "0.5", "1e-5",
        "1.0000001", "0.33333", "2/3", "1.2(3)", "1.2(", "?", ".", "-", "+", "e", "1e", "0x10", "1_000", "１",
    };

    /** Replacements for a symmetry operation. */
    private static final String[] GARBAGE_OPERATIONS = {
        "x,y", "x,y,z,w", "a,b,c", "x+y+z+x+y+z,y,z", "1/0+x,y,z", "x*2,y,z", "-x+1/3,-y+2/3,z+1e9", "x/y,y,z",
        "2x,y,z", "x,,z", "", "x+1e400,y,z", "xx,yy,zz", "-x-y-z-x-y-z-x-y-z,y,z", "x,y,z+NaN", "'", "x;y;z",
    };

    /** Factors applied to every number of a line (cell in wrong units, collapsed or exploded cells). */
    private static final double[] SCALES = {1e-30, 1e-9, 1e-6, 1e-3, 0.1, 10, 1e3, 1e6, 1e9, 1e30, -1, 0};

    /** Values put into lattice positions. */
    private static final String[] LATTICE_VALUES = {
        "1e-30", "1e30", "1e8", "1e-8", "0", "-5", "1e-3", "1e3", "1e5", "1e-4", "0.05", "2000", "179.9", "0.01",
    };

    /** Characters with a meaning in one of the formats (quotes, comments, separators). */
    private static final String SYNTAX = " \t\n\r'\";_#{}[]:,=";

    /** The longest line the mutator writes, in characters. */
    static final int LONG_LINE_CHARS = 50_000;
    /** Most copies of a line a duplication makes (coincident atoms, long loops). */
    static final int MAX_DUPLICATES = 2_000;

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?(\\(\\d+\\))?");
    private static final Pattern OPERATION = Pattern.compile("'[-+xyzXYZ0-9/., ]*[xyzXYZ][-+xyzXYZ0-9/., ]*'");

    private final Random rnd;

    Mutator(Random rnd) {
        this.rnd = rnd;
    }

    /** One to three mutations of {@code text}; {@code other} is a second seed for splicing. */
    String mutate(String text, String other) {
        String s = text;
        int rounds = 1 + rnd.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            s = once(s, other);
        }
        return s;
    }

    /** The names of the mutation kinds, in the order {@link #once} picks them. */
    static final List<String> KINDS = List.of("flip bytes", "hostile number", "scale a line", "truncate", "delete line",
            "duplicate line", "swap lines", "long line", "garbage operation", "absurd lattice", "change a count",
            "splice", "insert bytes", "repeat the file");

    private String once(String s, String other) {
        return switch (rnd.nextInt(KINDS.size())) {
            case 0 -> flipBytes(s);
            case 1 -> hostileNumber(s);
            case 2 -> scaleLine(s);
            case 3 -> s.isEmpty() ? s : s.substring(0, rnd.nextInt(s.length()));
            case 4 -> editLines(s, Edit.DELETE);
            case 5 -> editLines(s, Edit.DUPLICATE);
            case 6 -> editLines(s, Edit.SWAP);
            case 7 -> longLine(s);
            case 8 -> garbageOperation(s);
            case 9 -> absurdLattice(s);
            case 10 -> changeCount(s);
            case 11 -> splice(s, other);
            case 12 -> insertBytes(s);
            default -> s + (rnd.nextBoolean() ? "\n" : "") + s;
        };
    }

    private String flipBytes(String s) {
        if (s.isEmpty()) {
            return s;
        }
        char[] c = s.toCharArray();
        int n = 1 + rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            int p = rnd.nextInt(c.length);
            c[p] = rnd.nextBoolean() ? (char) (c[p] ^ (1 << rnd.nextInt(8))) : (char) rnd.nextInt(256);
        }
        return new String(c);
    }

    private String insertBytes(String s) {
        int p = s.isEmpty() ? 0 : rnd.nextInt(s.length());
        StringBuilder b = new StringBuilder();
        int n = 1 + rnd.nextInt(64);
        for (int i = 0; i < n; i++) {
            b.append(rnd.nextBoolean() ? (char) rnd.nextInt(128) : SYNTAX.charAt(rnd.nextInt(SYNTAX.length())));
        }
        return s.substring(0, p) + b + s.substring(p);
    }

    private String hostileNumber(String s) {
        List<int[]> spans = spans(NUMBER, s);
        if (spans.isEmpty()) {
            return s;
        }
        int[] span = spans.get(rnd.nextInt(spans.size()));
        return s.substring(0, span[0]) + HOSTILE_NUMBERS[rnd.nextInt(HOSTILE_NUMBERS.length)] + s.substring(span[1]);
    }

    private String scaleLine(String s) {
        String[] lines = s.split("\n", -1);
        int i = rnd.nextInt(lines.length);
        double f = SCALES[rnd.nextInt(SCALES.length)];
        Matcher m = NUMBER.matcher(lines[i]);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            double v;
            try {
                v = Double.parseDouble(m.group(1) + (m.group(2) == null ? "" : m.group(2)));
            } catch (NumberFormatException e) {
                continue;
            }
            m.appendReplacement(b, Matcher.quoteReplacement(String.format(Locale.ROOT, "%.10g", v * f)));
        }
        m.appendTail(b);
        lines[i] = b.toString();
        return String.join("\n", lines);
    }

    private enum Edit { DELETE, DUPLICATE, SWAP }

    private String editLines(String s, Edit edit) {
        List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        int i = rnd.nextInt(lines.size());
        switch (edit) {
            case DELETE -> lines.remove(i);
            case DUPLICATE -> {
                int copies = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(MAX_DUPLICATES) : 1 + rnd.nextInt(3);
                for (int k = 0; k < copies; k++) {
                    lines.add(i, lines.get(i));
                }
            }
            case SWAP -> {
                int j = rnd.nextInt(lines.size());
                String t = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, t);
            }
            default -> throw new IllegalStateException();
        }
        return String.join("\n", lines);
    }

    private String longLine(String s) {
        String[] units = {"1", "x", " ", "1.0 ", "_a ", "'", "Na ", "9"};
        String unit = units[rnd.nextInt(units.length)];
        String line = unit.repeat(LONG_LINE_CHARS / unit.length());
        List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        int i = rnd.nextInt(lines.size() + 1);
        if (rnd.nextBoolean() && i < lines.size()) {
            lines.set(i, lines.get(i) + line);
        } else {
            lines.add(i, line);
        }
        return String.join("\n", lines);
    }

    private String garbageOperation(String s) {
        List<int[]> spans = spans(OPERATION, s);
        String garbage = "'" + GARBAGE_OPERATIONS[rnd.nextInt(GARBAGE_OPERATIONS.length)] + "'";
        if (spans.isEmpty()) {
            // no operations: add a loop of them before the first atom loop (or at the end)
            int at = s.indexOf("loop_");
            String loop = "loop_\n_symmetry_equiv_pos_as_xyz\n'x,y,z'\n" + garbage + "\n";
            return at < 0 ? s + "\n" + loop : s.substring(0, at) + loop + s.substring(at);
        }
        int[] span = spans.get(rnd.nextInt(spans.size()));
        return s.substring(0, span[0]) + garbage + s.substring(span[1]);
    }

    /** Replaces numbers where cells are written: POSCAR lines 2-5, CIF _cell_*, extxyz Lattice, JSON matrices. */
    private String absurdLattice(String s) {
        List<int[]> spans = new ArrayList<>();
        String[] lines = s.split("\n", -1);
        int offset = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean cell = line.contains("_cell_") || line.contains("Lattice=") || line.contains("lattice")
                    || line.contains("matrix") || (i >= 1 && i <= 4 && !s.startsWith("data_") && !s.startsWith("{"));
            if (cell) {
                for (int[] span : spans(NUMBER, line)) {
                    spans.add(new int[] {offset + span[0], offset + span[1]});
                }
            }
            offset += line.length() + 1;
        }
        if (spans.isEmpty()) {
            return hostileNumber(s);
        }
        // one to three cell numbers, replaced right to left so that the earlier spans stay valid
        List<int[]> chosen = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        for (int k = 0; k < n; k++) {
            int[] span = spans.get(rnd.nextInt(spans.size()));
            if (!chosen.contains(span)) {
                chosen.add(span);
            }
        }
        chosen.sort((x, y) -> Integer.compare(y[0], x[0]));
        StringBuilder b = new StringBuilder(s);
        for (int[] span : chosen) {
            b.replace(span[0], span[1], LATTICE_VALUES[rnd.nextInt(LATTICE_VALUES.length)]);
        }
        return b.toString();
    }

    /** Changes an integer that stands alone on its line or in a counts line (POSCAR counts, extxyz natoms). */
    private String changeCount(String s) {
        String[] lines = s.split("\n", -1);
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].trim().matches("\\d+( +\\d+)*")) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return hostileNumber(s);
        }
        int i = candidates.get(rnd.nextInt(candidates.size()));
        String[] counts = {"0", "1", "2", "20000", "20001", "999999999", "2147483648", "-1", "3 3", ""};
        lines[i] = counts[rnd.nextInt(counts.length)];
        return String.join("\n", lines);
    }

    private String splice(String s, String other) {
        if (s.isEmpty() || other.isEmpty()) {
            return s + other;
        }
        return s.substring(0, rnd.nextInt(s.length())) + other.substring(rnd.nextInt(other.length()));
    }

    private static List<int[]> spans(Pattern p, String s) {
        List<int[]> out = new ArrayList<>();
        Matcher m = p.matcher(s);
        while (m.find()) {
            out.add(new int[] {m.start(), m.end()});
        }
        return out;
    }
}
