package org.crystograph.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.crystograph.config.DataPaths;
import org.crystograph.structure.ReadOptions;
import org.crystograph.structure.Structure;
import org.crystograph.structure.io.StructureReaders;

/** The structures of a dataset's {@code cifs.zip}, read from the datasets directory (never copied into the project). */
public final class DatasetStructures {

    private DatasetStructures() {
    }

    /** Receives one structure of the dataset with its entry name. */
    @FunctionalInterface
    public interface Visitor {
        /** One structure; may throw, failing the test. */
        void accept(String entry, Structure structure) throws Exception;
    }

    /**
     * Reads every {@code stride}-th entry of {@code folder/cifs.zip} in name order (a {@link Prerequisites} gate when the
     * file is absent) and hands each structure to {@code visitor}.
     */
    public static void forEach(String folder, int stride, Visitor visitor) throws Exception {
        Path zip = DataPaths.dataDirectory().map(d -> d.resolve(folder).resolve("cifs.zip"))
                .filter(Files::isRegularFile).orElse(null);
        Prerequisites.require(zip != null, folder + "/cifs.zip not found under the dataset directory");
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<ZipEntry> entries = new ArrayList<>(Collections.list(z.entries()));
            entries.sort(Comparator.comparing(ZipEntry::getName));
            for (int t = 0; t < entries.size(); t += stride) {
                ZipEntry entry = entries.get(t);
                visitor.accept(entry.getName(), StructureReaders.readZipEntry(z, entry, Optional.empty(),
                        ReadOptions.defaults()).get(0).structure());
            }
        }
    }
}
