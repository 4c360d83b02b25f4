package org.crystograph.structure.io;

import org.crystograph.structure.Elements;

/**
 * Allocation-free element-symbol lookup over characters, shared by the readers (the hot loops of CIF and POSCAR
 * parsing call this once per atom).
 *
 * <p>Element data come from {@link Elements} (CDK); this class only indexes the symbols of Z = 1..100.
 */
final class ElementSymbols {

    private static final int LETTERS = 26;
    private static final int OXYGEN = 8;
    /** Index (first - 'A') * 27 + (second == none ? 0 : second - 'a' + 1) to Z, 0 when not an element. */
    private static final int[] TABLE = new int[LETTERS * (LETTERS + 1)];

    static {
        for (int z = 1; z <= Elements.MAX_Z; z++) {
            String s = Elements.symbol(z);
            TABLE[index(s.charAt(0), s.length() > 1 ? s.charAt(1) : 0)] = z;
        }
    }

    private ElementSymbols() {
    }

    private static int index(char upper, char lower) {
        return (upper - 'A') * (LETTERS + 1) + (lower == 0 ? 0 : lower - 'a' + 1);
    }

    /** Z of the exact symbol {@code first}{@code second} with case normalised (second = 0 for one letter), or 0. */
    static int lookup(char first, char second) {
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
     * oxygen.
     *
     * @return Z, or 0 when neither reading is an element
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
            int z2 = lookup(c0, b[start + 1]);
            if (z2 > 0) {
                return z2;
            }
        }
        int z1 = lookup(c0, (char) 0);
        if (z1 > 0) {
            return z1;
        }
        char u = Character.toUpperCase(c0);
        return u == 'D' ? 1 : 0;
    }

    /** {@link #fromLabel(char[], int, int)} for a string. */
    static int fromLabel(String s) {
        return fromLabel(s.toCharArray(), 0, s.length());
    }
}
