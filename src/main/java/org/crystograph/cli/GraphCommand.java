package org.crystograph.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.GraphBuildException;
import org.crystograph.graph.GraphBuilder;
import org.crystograph.graph.GraphSettings;
import org.crystograph.graph.NeighborList;
import org.crystograph.structure.ReadOptions;
import org.crystograph.structure.Structure;
import org.crystograph.structure.StructureException;
import org.crystograph.structure.io.Format;
import org.crystograph.structure.io.ParsedStructure;
import org.crystograph.structure.io.StructureReaders;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code crystograph graph [--format F] [--summary] FILE...}: builds the CrysToGraph graph of every structure and prints
 * one JSON line per structure: {@code {"file", "nsites", "nedges", "radius", "neighbor_distances", "line_edges"}}
 * (radius in Angstrom: the final search radius; distances: the k sorted neighbour distances of each site in Angstrom).
 * {@code --summary} prints only the totals and the time spent building graphs, measured inside the process.
 * A file that cannot be read or built (a {@link StructureException}, or a {@link GraphBuildException} when a structure
 * needs more work than graph building allows) is reported on standard error; the exit code is then 1.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Build crystal graphs (12 nearest neighbours, edge and line features, positional encodings).")
public final class GraphCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Structure files (CIF, POSCAR, extxyz, JSON).")
    List<Path> files;

    @Option(names = "--format", paramLabel = "F",
            description = "Input format (cif, poscar, extxyz, pymatgen-json, optimade-json); default: recognised.")
    String format;

    @Option(names = "--summary", description = "Print only counts and the elapsed graph-building time.")
    boolean summary;

    @Option(names = "--skip-encodings",
            description = "Skip the positional encodings (O(n^2) RWPE and O(n^3) LapPE) for very large cells.")
    boolean skipEncodings;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Optional<Format> fmt = Optional.empty();
        if (format != null) {
            fmt = Format.fromName(format);
            if (fmt.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown format '" + format + "'");
            }
        }
        GraphBuilder builder = new GraphBuilder(GraphSettings.defaults());
        ObjectMapper json = new ObjectMapper();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long buildNanos = 0;
        long structures = 0;
        long sites = 0;
        long edges = 0;
        long lineEdges = 0;
        int failed = 0;
        for (Path file : files) {
            List<ParsedStructure> parsed;
            try {
                parsed = StructureReaders.read(file, fmt, ReadOptions.defaults());
            } catch (StructureException e) {
                err.println(file + ": " + e.describe());
                failed++;
                continue;
            } catch (UncheckedIOException e) {
                err.println(file + ": " + e.getMessage());
                failed++;
                continue;
            }
            for (ParsedStructure p : parsed) {
                long t0 = System.nanoTime();
                Built g;
                try {
                    g = build(builder, p.structure());
                } catch (StructureException e) {
                    err.println(file + (p.block().isEmpty() ? "" : " [" + p.block() + "]") + ": " + e.describe());
                    failed++;
                    continue;
                } catch (GraphBuildException e) {
                    err.println(file + (p.block().isEmpty() ? "" : " [" + p.block() + "]") + ": graph building stopped ("
                            + e.reason() + "): " + e.getMessage());
                    failed++;
                    continue;
                }
                buildNanos += System.nanoTime() - t0;
                structures++;
                sites += g.numSites();
                edges += g.numEdges();
                lineEdges += g.numLineEdges();
                if (!summary) {
                    out.println(json.writeValueAsString(line(file, g)));
                }
            }
        }
        if (summary) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("files", files.size());
            s.put("structures", structures);
            s.put("failed", failed);
            s.put("nsites", sites);
            s.put("nedges", edges);
            s.put("line_edges", lineEdges);
            s.put("elapsed_ms", buildNanos / 1e6);
            s.put("atoms_per_second", buildNanos == 0 ? 0 : Math.round(sites / (buildNanos / 1e9)));
            s.put("positional_encodings", !skipEncodings);
            out.println(json.writeValueAsString(s));
        }
        out.flush();
        err.flush();
        return failed == 0 ? 0 : 1;
    }

    /** What the output needs from a built graph. */
    private record Built(int numSites, int k, double[] edgeLength, double radiusAngstrom) {
        int numEdges() {
            return numSites * k;
        }

        long numLineEdges() {
            return (long) numEdges() * k;
        }
    }

    private Built build(GraphBuilder builder, Structure structure) {
        if (!skipEncodings) {
            CrystalGraph g = builder.build(structure);
            return new Built(g.numSites(), g.k(), g.edgeLength(), g.radiusAngstrom());
        }
        NeighborList nl = builder.neighbors(builder.frame(structure));
        builder.edgeFeatures(nl);
        builder.lineFeatures(nl);
        return new Built(nl.numSites(), nl.k(), nl.length(), nl.radiusAngstrom());
    }

    private static Map<String, Object> line(Path file, Built g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("nsites", g.numSites());
        m.put("nedges", g.numEdges());
        m.put("radius", g.radiusAngstrom());
        List<double[]> distances = new ArrayList<>(g.numSites());
        double[] len = g.edgeLength();
        for (int i = 0; i < g.numSites(); i++) {
            distances.add(java.util.Arrays.copyOfRange(len, g.k() * i, g.k() * (i + 1)));
        }
        m.put("neighbor_distances", distances);
        m.put("line_edges", g.numLineEdges());
        return m;
    }
}
