package org.crystograph.inference;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.structure.Elements;
import org.crystograph.structure.Site;
import org.crystograph.structure.Species;
import org.crystograph.structure.Structure;

/**
 * What a model's training structures covered: the elements that occur in them and their range of sites per cell. A
 * model predicts anything it is given; a structure with an element it never saw, or far larger or smaller cells,
 * gets a number with no evidence behind it, and the service says so in the response's warnings.
 *
 * <p>Kept as {@value #FILE} in a model directory, beside its checkpoints (so their hashes are unchanged), and written
 * by {@code crystograph model-domain}.
 *
 * @param source what the structures were, e.g. {@code "local_perov5_heat, protocol PUBLIC, all folds"}
 * @param structures how many
 * @param elements their element symbols, in order of atomic number
 * @param minSites fewest sites in one cell
 * @param maxSites most sites in one cell
 */
public record TrainingDomain(String source, int structures, List<String> elements,
        @JsonProperty("min_sites") int minSites, @JsonProperty("max_sites") int maxSites) {

    /** The file name in a model directory. */
    public static final String FILE = "domain.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Validates and copies. */
    public TrainingDomain {
        elements = List.copyOf(elements);
        if (structures < 1 || minSites < 1 || maxSites < minSites) {
            throw new IllegalArgumentException("training domain needs structures >= 1 and 1 <= min_sites <= max_sites,"
                    + " got " + structures + ", " + minSites + ", " + maxSites);
        }
    }

    /** The domain of the structures these graphs were built from. */
    public static TrainingDomain of(List<CrystalGraph> graphs, String source) {
        TreeSet<Integer> zs = new TreeSet<>();
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (CrystalGraph g : graphs) {
            for (int z : g.speciesZ()) {
                zs.add(z);
            }
            min = Math.min(min, g.numSites());
            max = Math.max(max, g.numSites());
        }
        return new TrainingDomain(source, graphs.size(), zs.stream().map(Elements::symbol).toList(), min, max);
    }

    /** The domain file of a model directory, when it has one. */
    public static Optional<TrainingDomain> read(Path modelDir) {
        Path file = modelDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), TrainingDomain.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** As the JSON text of {@value #FILE}. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The warning for a structure outside this domain, naming the model.
     *
     * @return e.g. {@code "outside the training data of model 'perov5-heat' (3219 structures): Cl, Na never occur
     *     in it; 8 sites, it has 5"}
     */
    public Optional<String> warning(Structure structure, String model) {
        TreeSet<Integer> unseen = new TreeSet<>();
        for (Site site : structure.sites()) {
            for (Species s : site.species()) {
                if (!elements.contains(s.symbol())) {
                    unseen.add(s.atomicNumber());
                }
            }
        }
        int n = structure.size();
        boolean sitesOutside = n < minSites || n > maxSites;
        if (unseen.isEmpty() && !sitesOutside) {
            return Optional.empty();
        }
        StringBuilder w = new StringBuilder("outside the training data of model '").append(model).append("' (")
                .append(structures).append(" structures):");
        if (!unseen.isEmpty()) {
            w.append(' ').append(String.join(", ", unseen.stream().map(Elements::symbol).toList()))
                    .append(unseen.size() == 1 ? " never occurs" : " never occur").append(" in it");
        }
        if (sitesOutside) {
            w.append(unseen.isEmpty() ? " " : "; ").append(n).append(n == 1 ? " site" : " sites").append(", it has ")
                    .append(minSites == maxSites ? Integer.toString(minSites) : minSites + " to " + maxSites);
        }
        return Optional.of(w.toString());
    }
}
