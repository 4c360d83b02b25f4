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
import org.crystograph.inference.BundledModels;
import org.crystograph.inference.CheckpointModel;
import org.crystograph.inference.PredictionWarnings;
import org.crystograph.inference.TrainingDomain;
import org.crystograph.model.DeviceChoice;
import org.crystograph.structure.StructureException;
import org.crystograph.structure.io.ParsedStructure;
import org.crystograph.structure.io.StructureReaders;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code crystograph predict --checkpoint DIR FILE...}: one JSON line per structure,
 * {@code {"file", "value", "unit"}} (plus {@code "block"} for multi-structure files, and {@code "warnings"} when the
 * reader noted something, two atoms sit closer than two atoms can, or the structure lies outside the model's
 * {@link TrainingDomain}); unreadable files give a line with {@code "error"} and exit code 1.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict structures with a checkpoint; prints JSON Lines {file, value, unit}.")
public final class PredictCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", description = "Checkpoint directory (default: the bundled perovskite model).")
    Path checkpoint;

    @Option(names = "--device", defaultValue = "CPU", description = "auto, cpu or gpu (default ${DEFAULT-VALUE}).")
    DeviceChoice device;

    @Option(names = "--atom-table", description = "Atom table file for TABLE checkpoints.")
    Path atomTable;

    @Parameters(arity = "1..*", description = "Structure files (CIF, POSCAR, extxyz, pymatgen/OPTIMADE JSON).")
    List<Path> files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ObjectMapper json = new ObjectMapper();
        PrintWriter out = spec.commandLine().getOut();
        int failures = 0;
        List<Map<String, Object>> rows = new ArrayList<>();
        List<CrystalGraph> graphs = new ArrayList<>();
        Path modelDir = checkpoint != null ? checkpoint : BundledModels.directory(CheckpointModel.BUNDLED_NAME);
        Optional<TrainingDomain> domain = TrainingDomain.read(modelDir);
        String modelName = modelDir.toAbsolutePath().normalize().getFileName().toString();
        try (CheckpointModel model = CheckpointModel.load(modelDir, device, checkpoint != null ? atomTable : null)) {
            for (Path file : files) {
                try {
                    List<ParsedStructure> parsed = StructureReaders.read(file);
                    for (ParsedStructure p : parsed) {
                        CrystalGraph graph = model.graph(p.structure());
                        graphs.add(graph);
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("file", file.toString());
                        if (parsed.size() > 1) {
                            row.put("block", p.block());
                        }
                        List<String> warnings = PredictionWarnings.of(p.warnings(), p.structure(), graph,
                                domain.map(d -> Map.of(modelName, d)).orElse(Map.of()));
                        if (!warnings.isEmpty()) {
                            row.put("warnings", warnings);
                        }
                        rows.add(row);
                    }
                } catch (StructureException | GraphBuildException | UncheckedIOException | IllegalArgumentException e) {
                    failures++;
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("file", file.toString());
                    row.put("error", e.getMessage());
                    out.println(json.writeValueAsString(row));
                }
            }
            double[] values = model.predict(graphs);
            for (int i = 0; i < values.length; i++) {
                Map<String, Object> row = rows.get(i);
                row.put("value", values[i]);
                row.put("unit", model.unit());
                out.println(json.writeValueAsString(row));
            }
        }
        out.flush();
        return failures == 0 ? 0 : 1;
    }
}
