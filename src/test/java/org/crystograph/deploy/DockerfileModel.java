package org.crystograph.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructions of the project's {@code Dockerfile}: comment lines dropped, continuation lines joined, each
 * instruction remembered with the build stage it belongs to. Enough of the Dockerfile syntax for the checks in the
 * tests (COPY sources, ENV values, USER, ARG defaults); not a general parser.
 */
record DockerfileModel(List<Instruction> instructions) {

    /** One instruction: keyword (upper case), its arguments, and the stage name ({@code FROM ... AS name}). */
    record Instruction(String keyword, String arguments, String stage) {

        /** The {@code --name=value} flags at the start of the arguments. */
        Map<String, String> flags() {
            Map<String, String> flags = new LinkedHashMap<>();
            for (String token : arguments.split("\\s+")) {
                if (!token.startsWith("--")) {
                    break;
                }
                int eq = token.indexOf('=');
                flags.put(token.substring(2, eq < 0 ? token.length() : eq), eq < 0 ? "" : token.substring(eq + 1));
            }
            return flags;
        }

        /** The arguments after the flags, split on white space (COPY sources and destination). */
        List<String> operands() {
            return Arrays.stream(arguments.split("\\s+")).filter(t -> !t.startsWith("--") && !t.isEmpty()).toList();
        }
    }

    private static final Pattern FROM = Pattern.compile("(?i)^\\S+\\s+AS\\s+(\\S+)$");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}");
    private static final Pattern KEY_VALUE = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");

    /** Reads and splits a Dockerfile. */
    static DockerfileModel read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String stage = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean continues = line.endsWith("\\");
            current.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (continues) {
                continue;
            }
            String text = current.toString().strip();
            current.setLength(0);
            if (text.isEmpty()) {
                continue;
            }
            int space = text.indexOf(' ');
            String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase();
            String arguments = space < 0 ? "" : text.substring(space + 1).strip().replaceAll("\\s+", " ");
            if (keyword.equals("FROM")) {
                Matcher m = FROM.matcher(arguments);
                stage = m.matches() ? m.group(1) : null;
            }
            instructions.add(new Instruction(keyword, arguments, stage));
        }
        return new DockerfileModel(List.copyOf(instructions));
    }

    /** Instructions with this keyword, in order. */
    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** Instructions with this keyword in one stage. */
    List<Instruction> all(String keyword, String stage) {
        return all(keyword).stream().filter(i -> stage.equals(i.stage())).toList();
    }

    /**
     * The key=value pairs of all ENV instructions of a stage (quotes removed), with {@code ${NAME}} replaced as
     * Docker does: by a value set earlier in the stage, else by the build argument's default, else by nothing.
     */
    Map<String, String> env(String stage) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Instruction i : all("ENV", stage)) {
            Matcher m = KEY_VALUE.matcher(i.arguments());
            while (m.find()) {
                String value = m.group(2).replaceAll("^\"|\"$", "");
                env.put(m.group(1), VARIABLE.matcher(value).replaceAll(v -> Matcher.quoteReplacement(
                        env.getOrDefault(v.group(1), argDefault(v.group(1)).orElse("")))));
            }
        }
        return env;
    }

    /** The default of a build argument ({@code ARG NAME=default}) declared anywhere. */
    Optional<String> argDefault(String name) {
        for (Instruction i : all("ARG")) {
            Matcher m = KEY_VALUE.matcher(i.arguments());
            if (m.find() && m.group(1).equals(name)) {
                return Optional.of(m.group(2).replaceAll("^\"|\"$", ""));
            }
        }
        return Optional.empty();
    }
}
