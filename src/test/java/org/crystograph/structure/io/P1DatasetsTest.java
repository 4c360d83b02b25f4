package org.crystograph.structure.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.nio.charset.StandardCharsets;
import org.crystograph.config.DataPaths;
import org.crystograph.structure.ReadOptions;
import org.junit.jupiter.api.Test;
import org.crystograph.testing.Prerequisites;

/**
 * Real CIFs from the shared datasets (P1 perovskites written by pymatgen; CoRE MOFs written by Open Babel, mostly
 * P1, some with operations): every
 * file of a deterministic subset (every 10th entry) must read, with the site count of its atom loop.
 */
class P1DatasetsTest {

    static final int STRIDE = Integer.getInteger("crystograph.datasetStride",
            Boolean.getBoolean("crystograph.fullDatasetTests") ? 1 : 10);

    static Path dataset(String relative) {
        Optional<Path> dir = DataPaths.dataDirectory();
        Prerequisites.require(dir.isPresent(), "dataset directory not found (set -Dcrystograph.data-dir)");
        Path p = dir.get().resolve(relative);
        Prerequisites.require(Files.exists(p), relative + " not present in " + dir.get());
        return p;
    }

    @Test
    void perovskites_everyTenthCif_readsWithExpectedSiteCount() throws IOException {
        assertAllRead(dataset("perov5-castelli/cifs.zip"));
    }

    @Test
    void coreMofs_everyTenthCif_readsWithExpectedSiteCount() throws IOException {
        assertAllRead(dataset("coremof2019-asr-le200/cifs.zip"));
    }

    private static void assertAllRead(Path zipPath) throws IOException {
        List<String> failures = new ArrayList<>();
        int read = 0;
        try (ZipFile zip = new ZipFile(zipPath.toFile())) {
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            for (int i = 0; i < entries.size(); i += STRIDE) {
                ZipEntry e = entries.get(i);
                if (e.isDirectory()) {
                    continue;
                }
                try {
                    List<ParsedStructure> s = StructureReaders.readZipEntry(zip, e, Optional.empty(),
                            ReadOptions.defaults());
                    String text = new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
                    int rows = loopRows(text, "_atom_site_");
                    int ops = Math.max(1, loopRows(text, "_symmetry_equiv_pos_as_xyz"));
                    int sites = s.get(0).structure().size();
                    boolean ok = ops == 1 ? sites == rows : sites >= rows && sites <= rows * ops;
                    if (s.size() != 1 || !ok) {
                        failures.add(e.getName() + ": " + s.size() + " structures, " + sites + " sites from " + rows
                                + " atoms and " + ops + " operations");
                    }
                    read++;
                } catch (RuntimeException ex) {
                    failures.add(e.getName() + ": " + ex);
                }
            }
        }
        assertThat(failures).as("failures").isEmpty();
        assertThat(read).isGreaterThan(100);
    }

    /** Rows of the loop whose last tag starts with {@code tagPrefix}, counted line by line independently of the reader. */
    private static int loopRows(String text, String tagPrefix) {
        List<String> lines = text.lines().map(String::trim).toList();
        int lastTag = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(tagPrefix)) {
                lastTag = i;
            }
        }
        if (lastTag < 0) {
            return 0;
        }
        int n = 0;
        for (int i = lastTag + 1; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.startsWith("_") || l.startsWith("loop_") || l.startsWith("data_")) {
                break;
            }
            n++;
        }
        return n;
    }
}
