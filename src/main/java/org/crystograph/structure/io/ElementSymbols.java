package org.crystograph.structure.io;

import java.util.List;
import org.crystograph.structure.Elements;

/**
 * Allocation-free element-symbol lookup over characters, shared by the readers (the hot loops of CIF and POSCAR
 * parsing call this once per atom).
 *
 * <p>Element data come from {@link Elements} (CDK); this class only indexes the symbols of Z = 1..100, and knows the
 * symbols of the heavier elements only to refuse them by name rather than read {@code "Og"} as oxygen.
 */
final class ElementSymbols {

    private static final int LETTERS = 26;
    private static final int OXYGEN = 8;
    /** The elements after fermium (Z = 101..118), which no model here covers. */
    private static final List<String> BEYOND_MAX_Z = List.of("Md", "No", "Lr", "Rf", "Db", "Sg", "Bh", "Hs", "Mt",
            "Ds", "Rg", "Cn", "Nh", "Fl", "Mc", "Lv", "Ts", "Og");
    /**
     * Index (first - 'A') * 27 + (second == none ? 0 : second - 'a' + 1) to Z, 0 when not an element, minus Z for the
     * elements beyond {@link Elements#MAX_Z}.
     */
    private static final int[] TABLE = new int[LETTERS * (LETTERS + 1)];

    static {
        for (int z = 1; z <= Elements.MAX_Z; z++) {
            String s = Elements.symbol(z);
            TABLE[index(s.charAt(0), s.length() > 1 ? s.charAt(1) : 0)] = z;
        }
        for (int i = 0; i < BEYOND_MAX_Z.size(); i++) {
            String s = BEYOND_MAX_Z.get(i);
            TABLE[index(s.charAt(0), s.charAt(1))] = -(Elements.MAX_Z + 1 + i);
        }
    }

    private ElementSymbols() {
    }

    private static int index(char upper, char lower) {
        return (upper - 'A') * (LETTERS + 1) + (lower == 0 ? 0 : lower - 'a' + 1);
    }

    /** Z of the exact symbol {@code first}{@code second} with case normalised (second = 0 for one letter), or 0. */
    static int lookup(char first, char second) {
        return Math.max(0, entry(first, second));
    }

    /** The table entry of a symbol: Z, 0 for none, minus Z beyond {@link Elements#MAX_Z}. */
    private static int entry(char first, char second) {
        char u = Character.toUpperCase(first);
        if (u < 'A' || u > 'Z') {
            return 0;
        }
        if (second == 0) {
            return TABLE[index(u, (char) 0)];
        }
        char l = Character.toLowerCase(second);
        if (l < 'a' || l > 'z') {
            return 0;
        }
        return TABLE[index(u, l)];
    }

    /** Z of the exact symbol in {@code s} (one or two letters, case-insensitive), or 0. */
    static int exact(String s) {
        if (s.isEmpty() || s.length() > 2) {
            return 0;
        }
        return lookup(s.charAt(0), s.length() == 2 ? s.charAt(1) : 0);
    }

    /**
     * Z of the element a CIF type symbol or label names, as pymatgen's {@code CifParser._parse_symbol} reads it: the
     * first two characters when they form an element ({@code "Fe2+"} -> Fe, {@code "CL1"} -> Cl), else the first
     * character ({@code "O2-"} -> O, {@code "C12"} -> C). Deuterium ({@code D}) is hydrogen; {@code Wat} (water) is
     * oxygen. When the first two characters name an element beyond Z = 100 ({@code "Og"}, {@code "No1"}), that is the
     * reading, and it is refused: no fall-back to the first letter.
     *
     * @return Z, or 0 when neither reading is an element of Z = 1..100
     */
    static int fromLabel(char[] b, int start, int end) {
        if (start >= end) {
            return 0;
        }
        char c0 = b[start];
        if (end - start >= 3 && (c0 == 'W' || c0 == 'w') && b[start + 1] == 'a' && b[start + 2] == 't') {
            return OXYGEN; // "Wat": a water oxygen, as pymatgen reads it (not tungsten)
        }
        if (end - start >= 2) {
            int z2 = entry(c0, b[start + 1]);
            if (z2 != 0) {
                return Math.max(0, z2);
            }
        }
        int z1 = lookup(c0, (char) 0);
        if (z1 > 0) {
            return z1;
        }
        char u = Character.toUpperCase(c0);
        return u == 'D' ? 1 : 0;
    }

    /**
     * The message for a symbol that is not an element of Z = 1..100, naming the element when it is a heavier one:
     * {@code "unknown element 'Xx'"}, {@code "element 'Og' (Z = 118) is beyond the supported Z = 1..100"}.
     */
    static String unknown(String symbol) {
        String shown = CifReader.shorten(symbol);
        boolean twoLetters = symbol.length() == 2 || symbol.length() > 2 && !Character.isLetter(symbol.charAt(2));
        int z = twoLetters ? -entry(symbol.charAt(0), symbol.charAt(1)) : 0;
        return z > 0 ? "element '" + shown + "' (Z = " + z + ") is beyond the supported Z = 1.." + Elements.MAX_Z
                : "unknown element '" + shown + "'";
    }

    /**
     * What {@link #fromLabel} substituted when it read a symbol starting with {@code first} as element {@code z}:
     * {@code "hydrogen: deuterium"} for D, {@code "oxygen: a water molecule's"} for Wat, else null.
     */
    static String substitution(char first, int z) {
        char u = Character.toUpperCase(first);
        if (z == 1 && u == 'D') {
            return "hydrogen: deuterium";
        }
        return z == OXYGEN && u == 'W' ? "oxygen: a water molecule's" : null;
    }

    /** {@link #fromLabel(char[], int, int)} for a string. */
    static int fromLabel(String s) {
        return fromLabel(s.toCharArray(), 0, s.length());
    }
}
