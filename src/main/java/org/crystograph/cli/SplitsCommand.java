package org.crystograph.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.crystograph.benchmark.KFoldSplit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crystograph splits --n N [--folds 5] [--seed 42]}: prints the UnconvBench / scikit-learn shuffled KFold split
 * of {@code range(N)} as {@code {"order": [...], "fold_sizes": [...], "test": [[...], ...]}}.
 */
@Command(name = "splits", mixinStandardHelpOptions = true,
        description = "Print KFold(folds, shuffle=True, random_state=seed) over range(N) as JSON.")
public final class SplitsCommand implements Callable<Integer> {

    @Option(names = "--n", required = true, description = "Number of rows N.")
    int n;

    @Option(names = "--folds", defaultValue = "5", description = "Number of folds (default ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--seed", defaultValue = "42", description = "Shuffle seed (default ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        KFoldSplit split;
        try {
            split = KFoldSplit.of(n, folds, seed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("order", split.order());
        out.put("fold_sizes", split.foldSizes());
        out.put("test", split.test());
        spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(out));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
