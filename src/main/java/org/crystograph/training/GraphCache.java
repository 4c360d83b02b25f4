package org.crystograph.training;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystograph.graph.CrystalGraph;

/**
 * A binary file of built graphs keyed by sample id, so a dataset's graphs are built once per run directory.
 * Written to a temporary file and moved into place, so an interrupted write leaves no half file.
 */
public final class GraphCache {

    private static final int MAGIC = 0x43544743; // "CTGC"
    private static final int FORMAT = 2; // 2: graphs stored compact (no line features)
    private static final int BUFFER_BYTES = 1 << 20;

    private GraphCache() {
    }

    /**
     * The cache file of a task's graphs for commands without a run directory (evaluate, bench model): in the
     * temporary directory, one per task; the key stored inside decides whether it still matches.
     */
    public static Path temporaryFile(String task) {
        return Path.of(System.getProperty("java.io.tmpdir"), "crystograph-graphs", task + ".bin");
    }

    /** Writes graphs (id -> graph) with the given key (a hash of data and graph settings). */
    public static void write(Path file, String key, Map<String, CrystalGraph> graphs) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (DataOutputStream out = new DataOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(tmp), BUFFER_BYTES))) {
                out.writeInt(MAGIC);
                out.writeInt(FORMAT);
                out.writeUTF(key);
                out.writeInt(graphs.size());
                for (Map.Entry<String, CrystalGraph> e : graphs.entrySet()) {
                    out.writeUTF(e.getKey());
                    writeGraph(out, e.getValue());
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write graph cache " + file, e);
        }
    }

    /** Reads the cache if it exists and carries the key; otherwise null. */
    public static Map<String, CrystalGraph> read(Path file, String key) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file),
                BUFFER_BYTES))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT || !in.readUTF().equals(key)) {
                return null;
            }
            int count = in.readInt();
            Map<String, CrystalGraph> graphs = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String id = in.readUTF();
                graphs.put(id, readGraph(in));
            }
            return graphs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read graph cache " + file, e);
        }
    }

    private static void writeGraph(DataOutputStream out, CrystalGraph g) throws IOException {
        out.writeInt(g.numSites());
        out.writeInt(g.k());
        out.writeInt(g.edgeWidth());
        out.writeInt(g.lineWidth());
        out.writeInt(g.peWidth());
        out.writeDouble(g.radiusAngstrom());
        ints(out, g.speciesOffsets());
        ints(out, g.speciesZ());
        floats(out, g.speciesOccupancy());
        ints(out, g.edgeSource());
        ints(out, g.edgeImage());
        doubles(out, g.edgeVector());
        doubles(out, g.edgeLength());
        floats(out, g.edgeFeatures());
        floats(out, g.lineFeatures());
        floats(out, g.positionalEncoding());
    }

    private static CrystalGraph readGraph(DataInputStream in) throws IOException {
        int n = in.readInt();
        int k = in.readInt();
        int ew = in.readInt();
        int lw = in.readInt();
        int pw = in.readInt();
        double radius = in.readDouble();
        return new CrystalGraph(n, k, ints(in), ints(in), floats(in), ints(in), ints(in), doubles(in), doubles(in),
                floats(in), floats(in), floats(in), ew, lw, pw, radius);
    }

    private static void ints(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    private static void floats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float v : a) {
            out.writeFloat(v);
        }
    }

    private static void doubles(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        for (double v : a) {
            out.writeDouble(v);
        }
    }

    private static int[] ints(DataInputStream in) throws IOException {
        int[] a = new int[in.readInt()];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readInt();
        }
        return a;
    }

    private static float[] floats(DataInputStream in) throws IOException {
        float[] a = new float[in.readInt()];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }

    private static double[] doubles(DataInputStream in) throws IOException {
        double[] a = new double[in.readInt()];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readDouble();
        }
        return a;
    }

    /** Ids in a list, for messages. */
    static List<String> ids(Map<String, CrystalGraph> graphs) {
        return new ArrayList<>(graphs.keySet());
    }
}
