package org.crystograph.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rules of a {@code .dockerignore} file with Docker's semantics for the patterns used here: glob patterns
 * relative to the context root ({@code *} does not cross {@code /}), a pattern that matches a directory excludes
 * what is below it, {@code !} re-includes, and the last matching rule wins.
 */
record DockerIgnore(List<Rule> rules) {

    /** One line: its pattern (no {@code !}, no leading or trailing {@code /}), as a glob, and whether it re-includes. */
    record Rule(String pattern, PathMatcher glob, boolean include) {
    }

    /** Reads the rules; blank lines and comments are skipped. */
    static DockerIgnore read(Path file) {
        List<Rule> rules = new ArrayList<>();
        try {
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                boolean include = line.startsWith("!");
                String pattern = (include ? line.substring(1) : line).replaceAll("^/+|/+$", "");
                rules.add(new Rule(pattern, FileSystems.getDefault().getPathMatcher("glob:" + pattern), include));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DockerIgnore(List.copyOf(rules));
    }

    /** Whether the build context leaves out this path (relative to the context root). */
    boolean excludes(Path path) {
        boolean excluded = false;
        for (Rule rule : rules) {
            if (matchesSelfOrParent(rule.glob(), path)) {
                excluded = !rule.include();
            }
        }
        return excluded;
    }

    /**
     * Whether a walk of the context must enter this directory: it is not excluded, or a re-include rule may match
     * something below it (as Docker decides which excluded directories it still walks).
     */
    boolean mayIncludeBelow(Path dir) {
        if (!excludes(dir)) {
            return true;
        }
        for (Rule rule : rules) {
            if (!rule.include()) {
                continue;
            }
            if (rule.pattern().contains("**")) {
                return true;
            }
            String[] segments = rule.pattern().split("/");
            if (segments.length > dir.getNameCount()) {
                Path prefix = Path.of(segments[0], Arrays.copyOfRange(segments, 1, dir.getNameCount()));
                if (FileSystems.getDefault().getPathMatcher("glob:" + prefix).matches(dir)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchesSelfOrParent(PathMatcher glob, Path path) {
        for (Path p = path; p != null; p = p.getParent()) {
            if (glob.matches(p)) {
                return true;
            }
        }
        return false;
    }
}
