package io.sockscope.differential;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One command line given to both tools: the arguments after the program name, and environment variables
 * set for this case only (on top of the scrubbed environment of {@link CommandRunner}).
 *
 * @param maskLiveValues compare the listings after {@link LiveValueMask} (timers, TCP times and counters that
 *                       move between two runs); see {@link #masked()}
 */
record FlagCase(List<String> flags, Map<String, String> environment, boolean maskLiveValues) {

    FlagCase {
        flags = List.copyOf(flags);
        environment = Map.copyOf(environment);
    }

    FlagCase(List<String> flags, Map<String, String> environment) {
        this(flags, environment, false);
    }

    /** A case from a shell-like line split on blanks (no quoting: arguments never contain blanks here). */
    static FlagCase of(String line) {
        return new FlagCase(line.isBlank() ? List.of() : List.of(line.trim().split("\\s+")), Map.of());
    }

    /** A case from explicit arguments, for arguments that contain blanks. */
    static FlagCase ofArguments(String... arguments) {
        return new FlagCase(List.of(arguments), Map.of());
    }

    /** The same flags with one more environment variable. */
    FlagCase with(String name, String value) {
        Map<String, String> more = new TreeMap<>(environment);
        more.put(name, value);
        return new FlagCase(flags, more, maskLiveValues);
    }

    /**
     * The same case judged with live values masked on both sides: for listings with timers or TCP internals,
     * whose numbers move between the two runs. Everything outside the masked numbers is still compared.
     */
    FlagCase masked() {
        return new FlagCase(flags, environment, true);
    }

    /** How the case reads at a shell prompt, e.g. {@code COLUMNS=80 ss -tan 'sport = :80'}. */
    @Override
    public String toString() {
        return commandLine("ss") + (maskLiveValues ? " (live values masked)" : "");
    }

    /** The case as a shell command line running {@code program}. */
    String commandLine(String program) {
        String env = new TreeMap<>(environment).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue() + " ")
                .collect(Collectors.joining());
        String args = flags.stream()
                .map(f -> f.isEmpty() || f.matches(".*[\\s()!*'\"|&<>;].*") ? "'" + f + "'" : f)
                .collect(Collectors.joining(" "));
        return (env + program + " " + args).strip();
    }
}
