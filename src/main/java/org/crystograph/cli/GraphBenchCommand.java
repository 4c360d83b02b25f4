package org.crystograph.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.crystograph.config.DataPaths;
import org.crystograph.graph.GraphBuilder;
import org.crystograph.graph.GraphSettings;
import org.crystograph.graph.NeighborList;
import org.crystograph.graph.ReferenceNeighborSearch;
import org.crystograph.graph.featurize.PositionalEncoding;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.ReadOptions;
import org.crystograph.structure.Site;
import org.crystograph.structure.Structure;
import org.crystograph.structure.StructureException;
import org.crystograph.structure.io.ParsedStructure;
import org.crystograph.structure.io.StructureReaders;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crystograph bench graph}: graph-building speed (neighbours + edge features + line graph) in atoms per second
 * on the CoRE MOF CIFs and on 2,000-atom supercells, against the literal O(n^2 . images) enumeration of spec section 2
 * ({@link ReferenceNeighborSearch}) run in the same process on a subset, whose neighbour distances are also compared.
 * Positional encodings (RWPE O(n^2), LapPE O(n^3)) are timed separately. Prints Markdown for docs/performance.md.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Graph building speed on CoRE MOF CIFs and 2,000-atom supercells (results: docs/performance.md).")
public final class GraphBenchCommand implements Callable<Integer> {

    private static final String COREMOF_ZIP = "coremof2019-asr-le200/cifs.zip";

    @Option(names = "--cifs", paramLabel = "ZIP",
            description = "Zip of CIFs (default: <datasets>/" + COREMOF_ZIP + ").")
    Path zip;

    @Option(names = "--limit", defaultValue = "0", description = "Use only the first N CIFs (0 = all).")
    int limit;

    @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds over the set; the median is reported.")
    int rounds;

    @Option(names = "--baseline-limit", defaultValue = "100",
            description = "CIFs for the brute-force baseline and the distance comparison (default ${DEFAULT-VALUE}).")
    int baselineLimit;

    @Option(names = "--supercell-atoms", defaultValue = "2000", description = "Target size of the supercells.")
    int supercellAtoms;

    @Option(names = "--lappe-max", defaultValue = "2000",
            description = "Largest cell for which the O(n^3) LapPE is timed (default ${DEFAULT-VALUE}).")
    int lappeMax;

    @Option(names = "--wall-clock", negatable = true, defaultValue = "false",
            description = "Time with the wall clock instead of the thread's CPU time (the default, robust on a shared "
                    + "machine).")
    boolean wallClock;

    private boolean cpuTime = true;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final GraphBuilder builder = new GraphBuilder(GraphSettings.defaults());

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path file = zip != null ? zip : DataPaths.dataDirectory().map(d -> d.resolve(COREMOF_ZIP)).orElse(null);
        if (file == null || !Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "CIF zip not found: " + file
                    + " (give --cifs ZIP or set CRYSTOGRAPH_DATA_DIR)");
        }
        cpuTime = !wallClock;
        long t0 = System.nanoTime();
        List<Named> mofs = readZip(file, limit, out);
        double parseSeconds = (System.nanoTime() - t0) / 1e9;
        long atoms = mofs.stream().mapToLong(m -> m.structure.size()).sum();
        out.printf("## Graph building%n%n");
        out.printf("Measured %s with `bin/crystograph bench graph%s` on %s processors, %s, %d MiB max heap; times are "
                + "%s, single thread.%n%n",
                LocalDate.now(), limit > 0 ? " --limit " + limit : "", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, cpuTime ? "the thread's CPU time" : "wall-clock time");
        out.printf("System load average when reading finished: %.1f (on %d processors; CPU times stay comparable under "
                + "load, wall-clock times do not).%n%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        out.printf("CoRE MOF set: %d structures, %d atoms (mean %.1f), read in %.1f s (reading not timed below).%n%n",
                mofs.size(), atoms, (double) atoms / mofs.size(), parseSeconds);

        out.printf("| input | structures | atoms | neighbours (atoms/s) | + edge features | + line graph: total "
                + "atoms/s | allocated bytes/atom |%n|---|---:|---:|---:|---:|---:|---:|%n");
        List<Structure> mofStructures = mofs.stream().map(m -> m.structure).toList();
        stages(mofStructures.subList(0, Math.min(1000, mofStructures.size())), 1); // warm-up (JIT)
        Stages mofRun = median(mofStructures);
        row(out, "CoRE MOF CIFs", mofStructures.size(), mofRun);

        Structure base = mofs.stream().map(m -> m.structure).filter(s -> supercellAtoms % s.size() == 0
                && factors(supercellAtoms / s.size()) != null).findFirst().orElse(null);
        List<Structure> supercells = new ArrayList<>();
        if (base != null) {
            int[] f = orient(base.lattice(), factors(supercellAtoms / base.size()));
            Structure mofSuper = replicate(base, f);
            supercells.add(mofSuper);
            String name = mofs.get(indexOf(mofs, base)).name;
            Stages s = median(List.of(mofSuper));
            row(out, "MOF supercell " + name + " " + f[0] + "x" + f[1] + "x" + f[2], 1, s);
        }
        Structure salt = rockSaltSupercell(supercellAtoms);
        supercells.add(salt);
        row(out, "NaCl supercell " + salt.size() + " atoms", 1, median(List.of(salt)));

        // baseline: literal enumeration of spec section 2 on a subset, same process
        List<Structure> subset = mofStructures.subList(0, Math.min(baselineLimit, mofStructures.size()));
        long subsetAtoms = subset.stream().mapToLong(Structure::size).sum();
        Stages ours = median(subset);
        long b0 = now();
        int mismatches = 0;
        int failedBoth = 0;
        double worst = 0;
        GraphSettings gs = builder.settings();
        for (Structure s : subset) {
            Structure framed = builder.frame(s);
            double[] frac = new double[3 * s.size()];
            for (int i = 0; i < s.size(); i++) {
                for (int c = 0; c < 3; c++) {
                    frac[3 * i + c] = framed.site(i).frac(c);
                }
            }
            List<List<ReferenceNeighborSearch.Candidate>> ref = new ArrayList<>();
            double r = new ReferenceNeighborSearch(framed.lattice(), frac).kNearest(gs.neighbors(),
                    gs.startRadiusAngstrom(), gs.radiusStepAngstrom(), gs.maxRadiusAngstrom(), ref);
            NeighborList nl;
            try {
                nl = builder.neighbors(framed);
            } catch (StructureException e) {
                if (Double.isNaN(r)) {
                    failedBoth++;
                } else {
                    mismatches++;
                }
                continue;
            }
            if (nl.radiusAngstrom() != r) {
                mismatches++;
            }
            for (int i = 0; i < s.size(); i++) {
                for (int rank = 0; rank < gs.neighbors(); rank++) {
                    double d = Math.abs(ref.get(i).get(rank).distanceAngstrom() - nl.length()[gs.neighbors() * i + rank]);
                    worst = Math.max(worst, d);
                }
            }
        }
        double baselineSeconds = (now() - b0) / 1e9;
        double baselineRate = subsetAtoms / baselineSeconds;
        out.printf("%nBaseline in the same process: the literal enumeration of spec section 2 (all sites x all images "
                + "n_k in [-N_k, N_k], radius grown 8, 10, ... A) on the first %d CIFs (%d atoms): %.0f atoms/s for "
                + "neighbours alone; this implementation on the same CIFs: %.0f atoms/s for neighbours, %.0f atoms/s "
                + "with edge features and line graph, i.e. **%.0fx** (neighbours) and **%.0fx** (all three). Largest "
                + "difference of the 12 neighbour distances: %.1e A; radius or failure mismatches: %d (structures "
                + "rejected by both: %d).%n%n",
                subset.size(), subsetAtoms, baselineRate, subsetAtoms / ours.neighbours, subsetAtoms / ours.total(),
                (subsetAtoms / ours.neighbours) / baselineRate, (subsetAtoms / ours.total()) / baselineRate, worst,
                mismatches, failedBoth);

        encodings(out, mofStructures, supercells);
        out.flush();
        return 0;
    }

    private void encodings(PrintWriter out, List<Structure> mofs, List<Structure> supercells) {
        PositionalEncoding pe = new PositionalEncoding(builder.settings());
        out.printf("Positional encodings, timed separately (per crystal, float64):%n%n");
        out.printf("| input | atoms | RWPE (ms) | LapPE (ms) |%n|---|---:|---:|---:|%n");
        List<Structure> sample = mofs.subList(0, Math.min(200, mofs.size()));
        List<NeighborList> lists = new ArrayList<>();
        for (Structure s : sample) {
            try {
                lists.add(builder.neighbors(builder.frame(s)));
            } catch (StructureException e) {
                // rejected structures are counted in the main table
            }
        }
        lists.forEach(pe::randomWalk);
        long t0 = now();
        lists.forEach(pe::randomWalk);
        double rw = (now() - t0) / 1e6 / lists.size();
        t0 = now();
        lists.forEach(pe::laplacian);
        double lap = (now() - t0) / 1e6 / lists.size();
        double meanAtoms = lists.stream().mapToInt(NeighborList::numSites).average().orElse(0);
        out.printf("| first %d CoRE MOFs (mean per crystal) | %.0f | %.2f | %.2f |%n", lists.size(), meanAtoms, rw, lap);
        for (Structure s : supercells) {
            for (int size : new int[] {s.size() / 4, s.size() / 2, s.size()}) {
                if (size > lappeMax || size < 2) {
                    continue;
                }
                Structure part = size == s.size() ? s : firstSitesCell(s, size);
                if (part == null) {
                    continue;
                }
                NeighborList nl = builder.neighbors(builder.frame(part));
                t0 = now();
                pe.randomWalk(nl);
                double r = (now() - t0) / 1e6;
                t0 = now();
                pe.laplacian(nl);
                double l = (now() - t0) / 1e6;
                out.printf("| %s | %d | %.0f | %.0f |%n", s == supercells.get(supercells.size() - 1) ? "NaCl supercell"
                        : "MOF supercell", nl.numSites(), r, l);
            }
        }
        out.println();
    }

    /** A smaller supercell of the same kind: the rock-salt builder for NaCl, else null (MOFs: full size only). */
    private static Structure firstSitesCell(Structure s, int size) {
        if (s.composition().keySet().equals(java.util.Set.of("Cl", "Na"))) {
            return rockSaltSupercell(size);
        }
        return null;
    }

    private long now() {
        return cpuTime ? ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() : System.nanoTime();
    }

    private record Named(String name, Structure structure) {
    }

    /** Seconds spent per stage over a set of structures, with the atoms of those built and the rejected count. */
    private record Stages(long atoms, int rejected, double neighbours, double edges, double lines,
            double allocatedBytes) {
        double total() {
            return neighbours + edges + lines;
        }
    }

    private static void row(PrintWriter out, String name, int structures, Stages s) {
        out.printf("| %s | %d | %d | %.0f | %.0f | %.0f | %.0f |%n", name, structures, s.atoms,
                s.atoms / s.neighbours, s.atoms / (s.neighbours + s.edges), s.atoms / s.total(),
                s.allocatedBytes / s.atoms);
    }

    /** The median over {@link #rounds} rounds (by total time). */
    private Stages median(List<Structure> structures) {
        List<Stages> runs = new ArrayList<>();
        for (int r = 0; r < Math.max(1, rounds); r++) {
            runs.add(stages(structures, 1));
        }
        runs.sort((a, b) -> Double.compare(a.total(), b.total()));
        return runs.get(runs.size() / 2);
    }

    private Stages stages(List<Structure> structures, int repeat) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        java.util.function.LongSupplier clock = cpuTime ? threads::getCurrentThreadCpuTime : System::nanoTime;
        long allocated0 = threads.getCurrentThreadAllocatedBytes();
        long tn = 0;
        long te = 0;
        long tl = 0;
        long atoms = 0;
        int rejected = 0;
        long sink = 0;
        for (int rep = 0; rep < repeat; rep++) {
            for (Structure s : structures) {
                long t0 = clock.getAsLong();
                NeighborList nl;
                try {
                    nl = builder.neighbors(builder.frame(s));
                } catch (StructureException e) {
                    rejected++;
                    continue;
                }
                long t1 = clock.getAsLong();
                float[] ef = builder.edgeFeatures(nl);
                long t2 = clock.getAsLong();
                float[] lf = builder.lineFeatures(nl);
                long t3 = clock.getAsLong();
                tn += t1 - t0;
                te += t2 - t1;
                tl += t3 - t2;
                atoms += s.size();
                sink += ef.length + lf.length;
            }
        }
        if (sink == 42) {
            System.err.print(""); // keeps the results alive for the JIT
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocated0;
        return new Stages(atoms, rejected, tn / 1e9, te / 1e9, tl / 1e9, allocated);
    }

    private static List<Named> readZip(Path file, int limit, PrintWriter out) throws IOException {
        List<Named> result = new ArrayList<>();
        int failed = 0;
        try (ZipFile z = new ZipFile(file.toFile())) {
            List<ZipEntry> entries = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (!entry.isDirectory() && entry.getName().endsWith(".cif")) {
                    entries.add(entry);
                }
            }
            entries.sort((a, b) -> a.getName().compareTo(b.getName()));
            for (ZipEntry entry : entries) {
                if (limit > 0 && result.size() >= limit) {
                    break;
                }
                try {
                    for (ParsedStructure p : StructureReaders.readZipEntry(z, entry, Optional.empty(),
                            ReadOptions.defaults())) {
                        result.add(new Named(entry.getName(), p.structure()));
                    }
                } catch (StructureException e) {
                    failed++;
                }
            }
        }
        if (failed > 0) {
            out.printf("(%d CIFs could not be read and are left out)%n%n", failed);
        }
        return result;
    }

    private static int indexOf(List<Named> list, Structure s) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).structure == s) {
                return i;
            }
        }
        return -1;
    }

    /** Three replication factors (ascending, each at most 10, the largest as small as possible) with product p. */
    private static int[] factors(int p) {
        int[] best = null;
        for (int a = 1; a <= 10; a++) {
            for (int b = a; b <= 10; b++) {
                int c = p / (a * b);
                if (p % (a * b) == 0 && c >= b && c <= 10 && (best == null || c < best[2])) {
                    best = new int[] {a, b, c};
                }
            }
        }
        return best;
    }

    /** Assigns the largest factor to the axis with the smallest perpendicular height, to keep the supercell compact. */
    private static int[] orient(Lattice lattice, int[] ascending) {
        Integer[] axes = {0, 1, 2};
        Arrays.sort(axes, (a, b) -> Double.compare(lattice.perpendicularHeight(b), lattice.perpendicularHeight(a)));
        int[] f = new int[3];
        for (int t = 0; t < 3; t++) {
            f[axes[t]] = ascending[t];
        }
        return f;
    }

    /** The na x nb x nc supercell; fractional coordinates (f + t) / n, keeping the stored (unwrapped) values. */
    static Structure replicate(Structure s, int[] n) {
        double[][] m = s.lattice().matrix();
        double[][] big = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                big[r][c] = m[r][c] * n[r];
            }
        }
        List<Site> sites = new ArrayList<>();
        for (int a = 0; a < n[0]; a++) {
            for (int b = 0; b < n[1]; b++) {
                for (int c = 0; c < n[2]; c++) {
                    for (Site site : s.sites()) {
                        double[] f = {(site.frac(0) + a) / n[0], (site.frac(1) + b) / n[1], (site.frac(2) + c) / n[2]};
                        sites.add(new Site(site.species(), f, site.label()));
                    }
                }
            }
        }
        return new Structure(new Lattice(big), sites);
    }

    /** A rock-salt (a = 5.64 A) supercell of about {@code atoms} sites from the 8-site conventional cell. */
    static Structure rockSaltSupercell(int atoms) {
        List<Site> cell = new ArrayList<>();
        double[][] fcc = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
        for (double[] p : fcc) {
            cell.add(Site.of("Na", p[0], p[1], p[2]));
            cell.add(Site.of("Cl", p[0] + 0.5, p[1], p[2]));
        }
        int cells = Math.max(1, atoms / cell.size());
        int[] f = factors(cells);
        if (f == null) {
            int edge = (int) Math.max(1, Math.round(Math.cbrt(cells)));
            f = new int[] {edge, edge, Math.max(1, cells / (edge * edge))};
        }
        return replicate(new Structure(Lattice.cubic(5.64), cell), f);
    }
}
