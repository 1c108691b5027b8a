package io.sockscope.cli;

import java.util.List;

/**
 * The options {@link DoctorOptionsParser} reads after {@code doctor}, described in {@link DoctorHelp}'s words, for
 * the manual page and the shell completions. A test has the parser accept each of them.
 */
final class DoctorOptionDocs {
    /**
     * One doctor option.
     *
     * @param shortName   its one-letter form ({@code -u}), or null
     * @param longName    its long form ({@code --udp})
     * @param argument    the argument's name, or null when it takes none
     * @param description one or two sentences, plain text
     */
    record Entry(String shortName, String longName, String argument, String description) {
    }

    static final List<Entry> ALL = List.of(
            new Entry(null, "--all", null, "Examine every TCP listener (UDP with --udp), one line each, then the"
                    + " details of the problems."),
            new Entry("-u", "--udp", null, "The port is UDP."),
            new Entry("-t", "--tcp", null, "The port is TCP (the default)."),
            new Entry(null, "--from", "ADDRESS", "The address the client connects from (default: a remote client)."),
            new Entry(null, "--no-firewall", null, "Leave the firewall out: the sockets alone decide (no nft, no"
                    + " root needed)."),
            new Entry(null, "--user", "NAME", "Whose permissions to judge (unix sockets, bind; default: you)."),
            new Entry("-N", "--net", "NAME", "Examine the network namespace NAME (ip netns), pid:PID or an nsfs"
                    + " PATH, not the doctor's own."),
            new Entry("-j", "--json", null, "Write one JSON document (schema_version 1) with the verdict, its"
                    + " status (ok, problem or undecided) and the findings."),
            new Entry("-h", "--help", null, "Print the doctor's usage text, with every finding it may give, and"
                    + " exit."));

    private DoctorOptionDocs() {
    }
}
