package org.crystograph.structure.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.crystograph.config.DataPaths;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.ReadOptions;
import org.crystograph.structure.Site;
import org.crystograph.structure.Structure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every dataset of the project reads within {@link CellLimits}, with room to spare: 2D crystals with their vacuum,
 * CoRE MOFs with their large cells, isolated atoms in boxes. Every {@link P1DatasetsTest#STRIDE}-th file of each
 * dataset (all with {@code -Dcrystograph.fullDatasetTests=true}); a dataset that is not present is skipped.
 */
class CellLimitsDatasetsTest {

    /** The real cells must stay this far inside every limit, so that a tightened limit is noticed here first. */
    private static final double MARGIN = 2;

    static Stream<String> datasets() {
        return Stream.of("2dmatpedia-subset1224", "3dsc-mp-doped", "alignn-jarvis-sample50", "carbon24-airss",
                "cgcnn-sample", "coremof2019-asr-le200", "jarvis-dft3d-271", "mc2d-mounet2018", "megnet-mp-bulk-moduli100",
                "perov5-castelli");
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void everyStructureOfTheDataset_readsWellInsideTheCellLimits(String name) throws IOException {
        Optional<Path> root = DataPaths.dataDirectory();
        assumeTrue(root.isPresent(), "dataset directory not found (set -Dcrystograph.data-dir)");
        Path dir = root.get().resolve(name);
        assumeTrue(Files.isDirectory(dir), name + " not present in " + root.get());
        List<String> failures = new ArrayList<>();
        int[] read = {0};
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        int index = 0;
        for (Path f : files) {
            String file = f.getFileName().toString();
            if (file.endsWith(".zip")) {
                try (ZipFile zip = new ZipFile(f.toFile())) {
                    for (ZipEntry e : Collections.list(zip.entries())) {
                        if (!e.isDirectory() && index++ % P1DatasetsTest.STRIDE == 0) {
                            check(name + "/" + e.getName(), zip.getInputStream(e).readAllBytes(), failures, read);
                        }
                    }
                }
            } else if (file.endsWith(".cif") || file.endsWith(".vasp") || file.startsWith("POSCAR")) {
                if (index++ % P1DatasetsTest.STRIDE == 0) {
                    check(name + "/" + file, Files.readAllBytes(f), failures, read);
                }
            } else if (file.equals("bulk_moduli.json")) {
                JsonNode structures = new ObjectMapper().readTree(f.toFile()).get("structures");
                for (int i = 0; i < structures.size(); i++) {
                    if (index++ % P1DatasetsTest.STRIDE == 0) {
                        check(name + "/" + file + "[" + i + "]", structures.get(i).toString().getBytes(), failures,
                                read);
                    }
                }
            }
        }
        assertThat(failures).as("structures outside the cell limits or unreadable").isEmpty();
        assertThat(read[0]).as("structures read").isPositive();
    }

    private static void check(String source, byte[] bytes, List<String> failures, int[] read) {
        try {
            for (ParsedStructure p : StructureReaders.read(bytes, Optional.empty(), source, ReadOptions.defaults())) {
                read[0]++;
                String why = closeToALimit(p.structure());
                if (why != null) {
                    failures.add(source + ": " + why);
                }
            }
        } catch (RuntimeException e) {
            failures.add(source + ": " + e);
        }
    }

    /** Which limit the structure comes within a factor {@link #MARGIN} of, or null. */
    private static String closeToALimit(Structure s) {
        Lattice l = s.lattice();
        double longest = 0;
        double thinnest = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 3; k++) {
            if (l.length(k) < MARGIN * CellLimits.MIN_LENGTH_ANGSTROM || l.length(k) > CellLimits.MAX_LENGTH_ANGSTROM / MARGIN) {
                return "length " + l.length(k);
            }
            longest = Math.max(longest, l.length(k));
            thinnest = Math.min(thinnest, l.perpendicularHeight(k));
        }
        for (double angle : new double[] {l.alpha(), l.beta(), l.gamma()}) {
            if (angle < MARGIN * CellLimits.MIN_ANGLE_DEGREES || angle > 180 - MARGIN * CellLimits.MIN_ANGLE_DEGREES) {
                return "angle " + angle;
            }
        }
        if (longest / thinnest > CellLimits.MAX_ASPECT_RATIO / MARGIN) {
            return "aspect ratio " + longest / thinnest;
        }
        double atoms = 0;
        for (Site site : s.sites()) {
            atoms += site.totalOccupancy();
        }
        double perAtom = l.volume() / atoms;
        if (perAtom < MARGIN * CellLimits.MIN_VOLUME_PER_ATOM_CUBIC_ANGSTROM
                || perAtom > CellLimits.MAX_VOLUME_PER_ATOM_CUBIC_ANGSTROM / MARGIN) {
            return "volume per atom " + perAtom;
        }
        return null;
    }
}
