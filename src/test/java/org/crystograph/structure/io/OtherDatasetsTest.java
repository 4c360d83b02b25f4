package org.crystograph.structure.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.crystograph.structure.ReadOptions;
import org.crystograph.structure.Site;
import org.crystograph.structure.Structure;
import org.junit.jupiter.api.Test;

/** POSCAR and pymatgen JSON on the shared datasets. */
class OtherDatasetsTest {

    private static final double VOLUME_REL = 1e-6;
    private static final double FRAC_TOL = 1e-6;

    /**
     * MEGNet's bulk_moduli.json holds 100 pymatgen Structure dicts; cifs.zip holds the same structures written as P1
     * CIFs by pymatgen. Both readers must give the same cells: site count, composition, volume (1e-6 relative) and
     * fractional positions (1e-6 per component, periodic).
     */
    @Test
    void megnetPymatgenJson_equalsItsPymatgenWrittenCifs() throws IOException {
        Path json = P1DatasetsTest.dataset("megnet-mp-bulk-moduli100/bulk_moduli.json");
        JsonNode structures = new ObjectMapper().readTree(json.toFile()).get("structures");
        assertThat(structures.size()).isEqualTo(100);
        try (ZipFile zip = new ZipFile(json.resolveSibling("cifs.zip").toFile())) {
            for (int i = 0; i < structures.size(); i++) {
                Structure fromJson = StructureReaders.readOne(structures.get(i).toString(), Optional.of(Format.PYMATGEN_JSON));
                ZipEntry e = zip.getEntry(String.format("%03d.cif", i));
                Structure fromCif = StructureReaders.readZipEntry(zip, e, Optional.empty(), ReadOptions.defaults())
                        .get(0).structure();
                assertThat(fromCif.size()).as(e.getName()).isEqualTo(fromJson.size());
                assertThat(fromCif.composition()).as(e.getName()).isEqualTo(fromJson.composition());
                assertThat(fromCif.volume()).as(e.getName())
                        .isCloseTo(fromJson.volume(), within(VOLUME_REL * fromJson.volume()));
                for (int s = 0; s < fromJson.size(); s++) {
                    Site a = fromJson.site(s);
                    Site b = fromCif.site(s);
                    assertThat(b.species()).isEqualTo(a.species());
                    for (int k = 0; k < 3; k++) {
                        double d = a.frac(k) - b.frac(k);
                        assertThat(Math.abs(d - Math.rint(d))).as(e.getName() + " site " + s).isLessThan(FRAC_TOL);
                    }
                }
            }
        }
    }

    @Test
    void jarvisPoscars_allRead_withSpeciesCountsOfTheirHeader() throws IOException {
        Path zipPath = P1DatasetsTest.dataset("jarvis-dft3d-271/poscars.zip");
        int n = 0;
        try (ZipFile zip = new ZipFile(zipPath.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                List<ParsedStructure> all = StructureReaders.readZipEntry(zip, e, Optional.empty(), ReadOptions.defaults());
                assertThat(all).singleElement().extracting(ParsedStructure::format).isEqualTo(Format.POSCAR);
                List<String> lines = new String(zip.getInputStream(e).readAllBytes()).lines().toList();
                String[] symbols = lines.get(5).trim().split("\\s+");
                String[] counts = lines.get(6).trim().split("\\s+");
                Map<String, Double> composition = all.get(0).structure().composition();
                for (int k = 0; k < symbols.length; k++) {
                    assertThat(composition.get(symbols[k])).as(e.getName() + " " + symbols[k])
                            .isEqualTo(Double.parseDouble(counts[k]));
                }
                n++;
            }
        }
        assertThat(n).isEqualTo(271);
    }

    @Test
    void alignnPoscars_allRead() throws IOException {
        Path dir = P1DatasetsTest.dataset("alignn-jarvis-sample50/poscar");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.sorted().toList();
            assertThat(all).hasSize(50);
            for (Path f : all) {
                assertThat(StructureReaders.read(f)).as(f.toString()).singleElement()
                        .satisfies(p -> assertThat(p.structure().volume()).isPositive());
            }
        }
    }
}
