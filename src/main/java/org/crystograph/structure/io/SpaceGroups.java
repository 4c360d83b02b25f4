package org.crystograph.structure.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.crystograph.structure.Lattice;

/**
 * The symmetry operations of a space group named by a CIF that does not list them: by Hall symbol, by Hermann-Mauguin
 * symbol (full, short, with or without spaces and underscores, {@code :1}/{@code :2} origin choices, {@code :H}/
 * {@code :R} axes, the old cubic symbols such as {@code Fm3m}) or by number. The table,
 * {@code space-groups.tsv}, lists every setting of International Tables A with its operations, centring included
 * (written by {@code scripts/space_group_table.py}).
 *
 * <p>Nothing is guessed. Where a symbol fits two settings whose operations differ, the cell decides only what it can
 * decide exactly (hexagonal or rhombohedral axes of an R group); two origin choices are refused with a message naming
 * both. A number alone means the standard setting, and the caller is told so.
 */
final class SpaceGroups {

    private static final String TABLE = "/space-groups.tsv";
    private static final int FIRST_CUBIC = 195;
    /** Cell lengths equal within this fraction, angles within this many degrees, for choosing R-group axes. */
    private static final double LENGTH_TOLERANCE = 1e-3;
    private static final double ANGLE_TOLERANCE = 0.05;

    /**
     * One setting of a space group.
     *
     * @param number International Tables number, 1..230
     * @param hermannMauguin full symbol of the setting, e.g. {@code P 1 21/n 1}
     * @param choice origin choice ({@code 1}, {@code 2}) or axes ({@code H}, {@code R}); empty when there is none
     * @param hall Hall symbol
     * @param operations all operations, centring translations included
     */
    record Setting(int number, String hermannMauguin, String choice, String hall, List<SymmetryOperation> operations) {

        /** The setting's name as a CIF writes it, e.g. {@code F d -3 m:2}. */
        String name() {
            return choice.isEmpty() ? hermannMauguin : hermannMauguin + ":" + choice;
        }
    }

    /** A setting found, and what the reader should say about how. */
    record Found(Setting setting, String note) {
    }

    private static final class Table {
        static final List<Setting> SETTINGS = new ArrayList<>();
        static final Map<String, List<Setting>> BY_SYMBOL = new HashMap<>();
        static final Map<String, Setting> BY_HALL = new HashMap<>();
        static final Map<Integer, List<Setting>> BY_NUMBER = new HashMap<>();

        static {
            try (InputStream in = SpaceGroups.class.getResourceAsStream(TABLE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + TABLE + " is missing");
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        add(line.split("\t"));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void add(String[] f) {
            List<SymmetryOperation> ops = new ArrayList<>();
            for (String op : f[5].split(";")) {
                ops.add(SymmetryOperation.parse(op));
            }
            Setting s = new Setting(Integer.parseInt(f[0]), f[1], f[2].equals("-") ? "" : f[2], f[3], List.copyOf(ops));
            SETTINGS.add(s);
            BY_HALL.putIfAbsent(hallKey(s.hall), s);
            BY_NUMBER.computeIfAbsent(s.number, k -> new ArrayList<>()).add(s);
            Set<String> keys = new LinkedHashSet<>(List.of(key(s.hermannMauguin), key(f[4])));
            if (s.number >= FIRST_CUBIC) {
                keys.add(key(s.hermannMauguin).replace("-3", "3")); // Fm3m: the symbols before 1983
            }
            for (String k : keys) {
                BY_SYMBOL.computeIfAbsent(k, x -> new ArrayList<>()).add(s);
            }
        }
    }

    private SpaceGroups() {
    }

    /** Every setting of the table, in its order (standard setting first within each number). */
    static List<Setting> settings() {
        return Table.SETTINGS;
    }

    /**
     * The setting named by a Hall symbol (case and repeated spaces ignored).
     *
     * @throws IllegalArgumentException when no setting has that symbol
     */
    static Found byHall(String hall) {
        Setting s = Table.BY_HALL.get(hallKey(hall));
        if (s == null) {
            throw new IllegalArgumentException("Hall symbol '" + hall.strip() + "' is not one of the "
                    + Table.BY_HALL.size() + " settings known; give the symmetry operations instead");
        }
        return new Found(s, "symmetry operations generated from Hall symbol '" + hall.strip() + "'"
                + description(s));
    }

    /**
     * The setting named by a Hermann-Mauguin symbol, with an optional {@code :choice} suffix.
     *
     * @param lattice the cell, which decides hexagonal or rhombohedral axes when the symbol does not
     * @throws IllegalArgumentException when the symbol is unknown, or fits settings the symbol and cell cannot tell
     *     apart
     */
    static Found byHermannMauguin(String symbol, Lattice lattice) {
        String text = symbol.strip();
        int colon = text.indexOf(':');
        String choice = colon < 0 ? "" : text.substring(colon + 1).strip();
        List<Setting> candidates = Table.BY_SYMBOL.getOrDefault(key(colon < 0 ? text : text.substring(0, colon)),
                List.of());
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("space group '" + text + "' is not a Hermann-Mauguin symbol known"
                    + " here; give the symmetry operations (_space_group_symop_operation_xyz) instead");
        }
        if (!choice.isEmpty()) {
            List<Setting> chosen = candidates.stream().filter(s -> s.choice.equalsIgnoreCase(choice)).toList();
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException("space group '" + text + "': setting '" + choice
                        + "' does not exist; known: " + names(candidates));
            }
            candidates = chosen;
        }
        Setting s = decide("'" + text + "'", candidates, lattice);
        return new Found(s, "symmetry operations generated from space group '" + text + "'" + description(s));
    }

    /**
     * The standard setting of a space-group number.
     *
     * @param lattice the cell, which decides hexagonal or rhombohedral axes
     * @throws IllegalArgumentException outside 1..230, or for a group with two origin choices
     */
    static Found byNumber(int number, Lattice lattice) {
        List<Setting> settings = Table.BY_NUMBER.get(number);
        if (settings == null) {
            throw new IllegalArgumentException("space group number " + number + " is not in 1..230");
        }
        Setting standard = settings.get(0);
        List<Setting> sameSymbol = settings.stream()
                .filter(s -> s.hermannMauguin.equals(standard.hermannMauguin)).toList();
        Setting s = decide("No. " + number, sameSymbol, lattice);
        String assumed = settings.size() > 1 ? "; the number alone names no setting, the standard one was used" : "";
        return new Found(s, "symmetry operations generated from space group number " + number + description(s)
                + assumed);
    }

    /**
     * Picks among settings that a symbol fits: equal operations, or R-group axes by the cell; refuses otherwise.
     *
     * @param asked the symbol or number as the message should show it
     */
    private static Setting decide(String asked, List<Setting> candidates, Lattice lattice) {
        Setting first = candidates.get(0);
        if (candidates.stream().allMatch(s -> s.operations.equals(first.operations))) {
            return first;
        }
        if (candidates.stream().allMatch(s -> s.choice.equals("H") || s.choice.equals("R"))) {
            String axes = hexagonalAxes(lattice) ? "H" : rhombohedralAxes(lattice) ? "R" : null;
            if (axes == null) {
                throw new IllegalArgumentException("space group " + asked + ": the cell (a = " + lattice.a()
                        + ", b = " + lattice.b() + ", c = " + lattice.c() + ", alpha = " + lattice.alpha() + ", beta = "
                        + lattice.beta() + ", gamma = " + lattice.gamma() + ") has neither hexagonal nor rhombohedral"
                        + " axes; write ':H' or ':R' after the symbol");
            }
            return candidates.stream().filter(s -> s.choice.equals(axes)).findFirst().orElseThrow();
        }
        throw new IllegalArgumentException("space group " + asked + " has " + candidates.size()
                + " settings with different operations (" + names(candidates) + "); name one, e.g. '"
                + candidates.get(candidates.size() - 1).name() + "', or give the symmetry operations");
    }

    private static boolean hexagonalAxes(Lattice l) {
        return close(l.a(), l.b()) && Math.abs(l.alpha() - 90) < ANGLE_TOLERANCE
                && Math.abs(l.beta() - 90) < ANGLE_TOLERANCE && Math.abs(l.gamma() - 120) < ANGLE_TOLERANCE;
    }

    private static boolean rhombohedralAxes(Lattice l) {
        return close(l.a(), l.b()) && close(l.b(), l.c()) && Math.abs(l.alpha() - l.beta()) < ANGLE_TOLERANCE
                && Math.abs(l.beta() - l.gamma()) < ANGLE_TOLERANCE;
    }

    private static boolean close(double x, double y) {
        return Math.abs(x - y) <= LENGTH_TOLERANCE * Math.max(x, y);
    }

    private static String description(Setting s) {
        return " (No. " + s.number + ", setting " + s.name() + ", Hall '" + s.hall + "': " + s.operations.size()
                + " operations)";
    }

    private static String names(List<Setting> settings) {
        return String.join(", ", settings.stream().map(Setting::name).distinct().toList());
    }

    /** A Hermann-Mauguin symbol without spaces, underscores or case: {@code P 1 21/c 1} and {@code p121/c1} agree. */
    static String key(String symbol) {
        StringBuilder b = new StringBuilder(symbol.length());
        for (int i = 0; i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            if (c == '\u2212') {
                b.append('-'); // the minus sign some programs write
            } else if (!Character.isWhitespace(c) && c != '_') {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    private static String hallKey(String hall) {
        return hall.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
