package org.crystograph.graph.featurize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import org.crystograph.structure.Elements;
import org.crystograph.structure.StructureException;

/**
 * Per-element vectors read from a JSON file given by path ({@code TABLE}, spec section 6), e.g. CGCNN's
 * {@code atom_init.json}: an object whose keys are atomic numbers ("1", "2", ...) and whose values are arrays of
 * numbers of one common length. The file is read, never copied; its SHA-256 identifies it in checkpoints.
 */
public final class TableFeaturizer implements AtomFeaturizer {

    /** Identifier recorded in checkpoints. */
    public static final String ID = "TABLE";

    private final Path source;
    private final String sha256;
    private final int width;
    private final float[][] table = new float[Elements.MAX_Z + 1][];

    private TableFeaturizer(Path source, String sha256, int width) {
        this.source = source;
        this.sha256 = sha256;
        this.width = width;
    }

    /**
     * Loads a table.
     *
     * @param path the JSON file
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException when it is not an object of equal-length numeric arrays keyed by Z = 1..100
     */
    public static TableFeaturizer load(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read atom feature table " + path, e);
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("atom feature table " + path + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new IllegalArgumentException("atom feature table " + path + " must be a non-empty JSON object");
        }
        int width = -1;
        TableFeaturizer f = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            int z;
            try {
                z = Integer.parseInt(entry.getKey().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("atom feature table " + path + ": key '" + entry.getKey()
                        + "' is not an atomic number");
            }
            if (z < 1 || z > Elements.MAX_Z) {
                throw new IllegalArgumentException("atom feature table " + path + ": atomic number " + z
                        + " outside 1.." + Elements.MAX_Z);
            }
            JsonNode values = entry.getValue();
            if (!values.isArray() || values.isEmpty()) {
                throw new IllegalArgumentException("atom feature table " + path + ": entry " + z
                        + " is not a non-empty array");
            }
            if (width < 0) {
                width = values.size();
                f = new TableFeaturizer(path, sha256(bytes), width);
            } else if (values.size() != width) {
                throw new IllegalArgumentException("atom feature table " + path + ": entry " + z + " has "
                        + values.size() + " values, expected " + width);
            }
            float[] v = new float[width];
            for (int c = 0; c < width; c++) {
                JsonNode x = values.get(c);
                if (!x.isNumber() || !Double.isFinite(x.asDouble())) {
                    throw new IllegalArgumentException("atom feature table " + path + ": entry " + z + " value " + c
                            + " is not a finite number: " + x);
                }
                v[c] = (float) x.asDouble();
            }
            f.table[z] = v;
        }
        return f;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public float[] features(int atomicNumber) {
        float[] v = atomicNumber >= 1 && atomicNumber <= Elements.MAX_Z ? table[atomicNumber] : null;
        if (v == null) {
            String name = atomicNumber >= 1 && atomicNumber <= Elements.MAX_Z
                    ? Elements.symbol(atomicNumber) + " (Z=" + atomicNumber + ")" : "Z=" + atomicNumber;
            throw StructureException.invalid("element " + name + " has no vector in atom feature table "
                    + source.getFileName());
        }
        return v.clone();
    }

    /** True when the table has a vector for element Z. */
    public boolean covers(int atomicNumber) {
        return atomicNumber >= 1 && atomicNumber <= Elements.MAX_Z && table[atomicNumber] != null;
    }

    /** Lower-case hex SHA-256 of the file's bytes. */
    @Override
    public String sourceSha256() {
        return sha256;
    }

    /** The file the table was read from. */
    public Path source() {
        return source;
    }
}
