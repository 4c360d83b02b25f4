package org.crystograph.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.crystograph.structure.Structure;

/**
 * The request mix of {@code bench soak}: valid structures mixed with broken and absurd ones, each drawn with a fixed
 * weight from a seeded random source. Every request names what the service should answer; none may be a 5xx.
 *
 * <ul>
 *   <li>{@link Kind#VALID}: SrTiO3 supercells of 10 to 100 atoms as CIF, POSCAR, JSON envelope or multipart upload;
 *   <li>{@link Kind#LARGE}: cells within the limits but expensive: 500 atoms, and 2 atoms in a cell of 300 A;
 *   <li>{@link Kind#HOSTILE}: lattices the readers may accept but no material has (1e-30 / 1e30 / 1e8 A rows,
 *       nearly coplanar rows, 1e6 A and 1e-3 A cells, extreme shear, NaN and infinite entries);
 *   <li>{@link Kind#GARBAGE}: random bytes, random text, an empty body, a PNG header, a lone CIF data block;
 *   <li>{@link Kind#TRUNCATED}: valid CIFs and POSCARs cut at a random byte;
 *   <li>{@link Kind#ABSURD}: coincident atoms, atom counts that do not match, negative cell lengths, impossible
 *       angles, more sites than served, a 1 MiB line, non-UTF-8 uploads, unknown formats and media types, and a
 *       batch mixing good and bad structures.
 * </ul>
 */
final class SoakInputs {

    /** Why a request is in the mix. */
    enum Kind {
        VALID(55), LARGE(3), HOSTILE(7), GARBAGE(10), TRUNCATED(12), ABSURD(13);

        /** Relative weight in the mix. */
        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /**
     * One request.
     *
     * @param kind why it is in the mix
     * @param name what it is, for the report
     * @param path the request path
     * @param contentType its content type
     * @param body its body
     */
    record Request(Kind kind, String name, String path, String contentType, byte[] body) {
    }

    static final String PREDICT = "/v1/predictions";
    static final String BATCH = "/v1/predictions:batch";
    private static final String CIF = "chemical/x-cif";
    private static final String POSCAR = "chemical/x-vasp";
    private static final String JSON = "application/json";
    private static final String BOUNDARY = "soak-boundary-7d1f";
    private static final int[] VALID_ATOMS = {10, 20, 50, 100};
    private static final int LARGE_ATOMS = 500;
    /** A cell edge far above any material's, but a structure the limits allow, Angstrom. */
    private static final double VACUUM_CELL_ANGSTROM = 300;
    private static final int CELLS_PER_SIZE = 8;
    private static final int MIB = 1 << 20;
    private static final int BATCH_STRUCTURES = 8;

    private final List<String> validCifs = new ArrayList<>();
    private final List<String> largeCifs = new ArrayList<>();
    private final String overLimitCif;
    private final Random rng;
    private final int totalWeight;

    /**
     * @param maxSites the service's most sites per structure; one absurd request has more
     * @param seed the random seed of the mix
     */
    SoakInputs(int maxSites, long seed) {
        rng = new Random(seed);
        for (int atoms : VALID_ATOMS) {
            List<Structure> cells = BenchCells.perovskites(atoms, CELLS_PER_SIZE, seed + atoms);
            for (int i = 0; i < cells.size(); i++) {
                validCifs.add(BenchCells.cif(cells.get(i), "soak" + atoms + "_" + i));
            }
        }
        largeCifs.add(BenchCells.cif(BenchCells.perovskites(LARGE_ATOMS, 1, seed).get(0), "soak_large"));
        int over = (maxSites / 10 + 1) * 10;
        overLimitCif = BenchCells.cif(BenchCells.perovskites(over, 1, seed).get(0), "soak_over_limit");
        int sum = 0;
        for (Kind k : Kind.values()) {
            sum += k.weight;
        }
        totalWeight = sum;
    }

    /** The next request of the mix. */
    synchronized Request next() {
        int r = rng.nextInt(totalWeight);
        for (Kind k : Kind.values()) {
            if (r < k.weight) {
                return of(k);
            }
            r -= k.weight;
        }
        throw new IllegalStateException("weights do not add up");
    }

    /** A request of one kind (every variant of a kind comes up in turn at random). */
    Request of(Kind kind) {
        return switch (kind) {
            case VALID -> valid();
            case LARGE -> large();
            case HOSTILE -> hostile();
            case GARBAGE -> garbage();
            case TRUNCATED -> truncated();
            case ABSURD -> absurd();
        };
    }

    private String anyValidCif() {
        return validCifs.get(rng.nextInt(validCifs.size()));
    }

    private Request valid() {
        String cif = anyValidCif();
        return switch (rng.nextInt(4)) {
            case 0 -> new Request(Kind.VALID, "cif", PREDICT, CIF, utf8(cif));
            case 1 -> new Request(Kind.VALID, "poscar", PREDICT, POSCAR, utf8(poscarOf(cif)));
            case 2 -> new Request(Kind.VALID, "json envelope", PREDICT, JSON,
                    utf8("{\"format\": \"cif\", \"structure\": " + jsonString(cif) + "}"));
            default -> multipart(Kind.VALID, "multipart", "cell.cif", utf8(cif));
        };
    }

    private Request large() {
        if (rng.nextBoolean()) {
            return new Request(Kind.LARGE, LARGE_ATOMS + " atoms", PREDICT, CIF, utf8(largeCifs.get(0)));
        }
        double a = VACUUM_CELL_ANGSTROM;
        return new Request(Kind.LARGE, "2 atoms in a 300 A cell", PREDICT, POSCAR, utf8(poscar("vacuum",
                new double[][] {{a, 0, 0}, {0, a, 0}, {0, 0, a}}, "Na Cl", "1 1", "0 0 0\n0.005 0 0")));
    }

    private Request hostile() {
        String[][] lattices = {
            {"1e-30 0 0", "0 1e30 0", "0 0 1e8"},
            {"4 0 0", "0 4 0", "4 4 1e-12"},
            {"1e6 0 0", "0 1e6 0", "0 0 1e6"},
            {"1e-3 0 0", "0 1e-3 0", "0 0 1e-3"},
            {"4 0 0", "1e7 4 0", "0 0 4"},
            {"nan 0 0", "0 4 0", "0 0 4"},
            {"Infinity 0 0", "0 4 0", "0 0 4"},
            {"1e308 0 0", "0 1e308 0", "0 0 1e308"},
        };
        String[] l = lattices[rng.nextInt(lattices.length)];
        String text = "hostile\n1.0\n" + String.join("\n", l) + "\nNa\n1\nDirect\n0 0 0\n";
        return new Request(Kind.HOSTILE, "lattice " + String.join(" / ", l), PREDICT, POSCAR, utf8(text));
    }

    private Request garbage() {
        return switch (rng.nextInt(5)) {
            case 0 -> {
                byte[] b = new byte[1 + rng.nextInt(4096)];
                rng.nextBytes(b);
                yield new Request(Kind.GARBAGE, "random bytes", PREDICT, rng.nextBoolean() ? CIF : POSCAR, b);
            }
            case 1 -> {
                StringBuilder s = new StringBuilder();
                int n = 1 + rng.nextInt(2000);
                for (int i = 0; i < n; i++) {
                    s.append((char) (' ' + rng.nextInt('~' - ' ' + 1)));
                    if (rng.nextInt(60) == 0) {
                        s.append('\n');
                    }
                }
                yield new Request(Kind.GARBAGE, "random text", PREDICT, rng.nextBoolean() ? CIF : POSCAR,
                        utf8(s.toString()));
            }
            case 2 -> new Request(Kind.GARBAGE, "empty body", PREDICT, CIF, new byte[0]);
            case 3 -> new Request(Kind.GARBAGE, "png header", PREDICT, CIF,
                    new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
            default -> new Request(Kind.GARBAGE, "lone data block", PREDICT, CIF, utf8("data_nothing\n"));
        };
    }

    private Request truncated() {
        String text = rng.nextBoolean() ? anyValidCif() : poscarOf(anyValidCif());
        String type = text.startsWith("data_") ? CIF : POSCAR;
        byte[] all = utf8(text);
        byte[] cut = java.util.Arrays.copyOf(all, 1 + rng.nextInt(all.length - 1));
        return new Request(Kind.TRUNCATED, type.equals(CIF) ? "cif" : "poscar", PREDICT, type, cut);
    }

    private Request absurd() {
        String cif = anyValidCif();
        return switch (rng.nextInt(10)) {
            case 0 -> new Request(Kind.ABSURD, "coincident atoms", PREDICT, POSCAR, utf8(poscar("twins",
                    new double[][] {{4, 0, 0}, {0, 4, 0}, {0, 0, 4}}, "Na", "2", "0.1 0.1 0.1\n0.1 0.1 0.1")));
            case 1 -> new Request(Kind.ABSURD, "atom count mismatch", PREDICT, POSCAR, utf8(poscar("short",
                    new double[][] {{4, 0, 0}, {0, 4, 0}, {0, 0, 4}}, "Na Cl", "3 5", "0 0 0\n0.5 0.5 0.5")));
            case 2 -> new Request(Kind.ABSURD, "negative cell length", PREDICT, CIF,
                    utf8(cif.replaceFirst("_cell_length_a\\s+\\S+", "_cell_length_a   -3.9")));
            case 3 -> new Request(Kind.ABSURD, "impossible angles", PREDICT, CIF, utf8(cif
                    .replaceFirst("_cell_angle_alpha\\s+\\S+", "_cell_angle_alpha   170")
                    .replaceFirst("_cell_angle_beta\\s+\\S+", "_cell_angle_beta   170")
                    .replaceFirst("_cell_angle_gamma\\s+\\S+", "_cell_angle_gamma   170")));
            case 4 -> new Request(Kind.ABSURD, "more sites than served", PREDICT, CIF, utf8(overLimitCif));
            case 5 -> new Request(Kind.ABSURD, "1 MiB line", PREDICT, CIF,
                    utf8("data_long\n_cell_length_a " + " ".repeat(MIB) + "4\n" + cif));
            case 6 -> {
                byte[] b = new byte[256];
                rng.nextBytes(b);
                b[0] = (byte) 0xC3; // a UTF-8 lead byte without its continuation
                b[1] = '(';
                yield multipart(Kind.ABSURD, "non-UTF-8 upload", "cell.cif", b);
            }
            case 7 -> new Request(Kind.ABSURD, "unknown format name", PREDICT, JSON,
                    utf8("{\"format\": \"pdb\", \"structure\": " + jsonString(cif) + "}"));
            case 8 -> new Request(Kind.ABSURD, "unknown media type", PREDICT, "text/x-crystal", utf8(cif));
            default -> batch();
        };
    }

    /** A batch of valid, truncated, hostile and garbage structures. */
    private Request batch() {
        StringBuilder b = new StringBuilder("{\"structures\": [");
        for (int i = 0; i < BATCH_STRUCTURES; i++) {
            Request r = switch (i % 4) {
                case 0 -> new Request(Kind.VALID, "", "", CIF, utf8(anyValidCif()));
                case 1 -> truncated();
                case 2 -> hostile();
                default -> garbage();
            };
            String format = r.contentType().equals(CIF) ? "cif" : "poscar";
            b.append(i == 0 ? "" : ", ").append("{\"id\": \"s").append(i).append("\", \"format\": \"").append(format)
                    .append("\", \"structure\": ").append(jsonString(new String(r.body(), StandardCharsets.ISO_8859_1)))
                    .append('}');
        }
        return new Request(Kind.ABSURD, "batch of good and bad", BATCH, JSON, utf8(b.append("]}").toString()));
    }

    private static Request multipart(Kind kind, String name, String fileName, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
        out.writeBytes(content);
        out.writeBytes(utf8("\r\n--" + BOUNDARY + "--\r\n"));
        return new Request(kind, name, PREDICT, "multipart/form-data; boundary=" + BOUNDARY, out.toByteArray());
    }

    /** A POSCAR (direct coordinates) with the CIF's cell and sites; the CIF is one written by BenchCells. */
    static String poscarOf(String cif) {
        double a = number(cif, "_cell_length_a");
        double b = number(cif, "_cell_length_b");
        double c = number(cif, "_cell_length_c");
        List<String> symbols = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        StringBuilder coords = new StringBuilder();
        List<String[]> rows = new ArrayList<>();
        for (String line : cif.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 6 && Character.isDigit(f[0].charAt(f[0].length() - 1)) && !line.startsWith("_")) {
                rows.add(f);
            }
        }
        rows.sort(java.util.Comparator.comparing((String[] f) -> f[1]));
        for (String[] f : rows) {
            if (symbols.isEmpty() || !symbols.get(symbols.size() - 1).equals(f[1])) {
                symbols.add(f[1]);
                counts.add(0);
            }
            counts.set(counts.size() - 1, counts.get(counts.size() - 1) + 1);
            coords.append(f[2]).append(' ').append(f[3]).append(' ').append(f[4]).append('\n');
        }
        return poscar("from cif", new double[][] {{a, 0, 0}, {0, b, 0}, {0, 0, c}}, String.join(" ", symbols),
                String.join(" ", counts.stream().map(String::valueOf).toList()), coords.toString().strip());
    }

    private static String poscar(String title, double[][] lattice, String symbols, String counts, String coords) {
        StringBuilder s = new StringBuilder(title).append("\n1.0\n");
        for (double[] row : lattice) {
            s.append(String.format(Locale.ROOT, "%.6f %.6f %.6f%n", row[0], row[1], row[2]));
        }
        return s.append(symbols).append('\n').append(counts).append("\nDirect\n").append(coords).append('\n')
                .toString();
    }

    private static double number(String cif, String tag) {
        for (String line : cif.split("\n")) {
            if (line.startsWith(tag)) {
                return Double.parseDouble(line.substring(tag.length()).trim());
            }
        }
        throw new IllegalArgumentException("no " + tag);
    }

    private static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
