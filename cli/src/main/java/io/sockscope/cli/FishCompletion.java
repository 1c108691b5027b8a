package io.sockscope.cli;

import java.util.List;

/**
 * sockscope's fish completion: one {@code complete -c sockscope} line per option, with the same arguments,
 * sub-commands and words as {@link BashCompletion}.
 */
final class FishCompletion {
    private static final String HEADER = """
            # fish completion for sockscope(8). Written from the command's option table; edit that, not this file.

            # The names ip netns gives namespaces, listed by the shell: completing never starts the command.
            function __sockscope_netns
                set -l dir /run/netns
                set -q @NETNS_VARIABLE@; and set dir $@NETNS_VARIABLE@
                for path in $dir/*
                    string replace -r '.*/' '' -- $path
                end
            end

            complete -c sockscope -f
            complete -c sockscope -n __fish_use_subcommand -a '@SUB_COMMANDS@ @STATE_KEYWORDS@'
            complete -c sockscope -n '__fish_seen_subcommand_from help' -a doctor
            complete -c sockscope -n '__fish_prev_arg_in state exclude excl' -a '@STATES@'
            complete -c sockscope -n 'not __fish_use_subcommand; and not __fish_seen_subcommand_from doctor serve help; and not __fish_prev_arg_in state exclude excl' -a '@STATE_KEYWORDS@ @FILTER_KEYWORDS@'
            complete -c sockscope -n '__fish_seen_subcommand_from doctor' -a bind
            """;

    private static final String LISTING_CONDITION = "not __fish_seen_subcommand_from doctor";
    private static final String SERVE_CONDITION = "__fish_seen_subcommand_from serve";
    private static final String DOCTOR_CONDITION = "__fish_seen_subcommand_from doctor";

    private FishCompletion() {
    }

    static String script() {
        StringBuilder out = new StringBuilder(HEADER
                .replace("@NETNS_VARIABLE@", Completions.NETNS_DIRECTORY_VARIABLE)
                .replace("@SUB_COMMANDS@", String.join(" ", CommandWords.SUB_COMMANDS))
                .replace("@STATES@", String.join(" ", CommandWords.stateWords()))
                .replace("@STATE_KEYWORDS@", String.join(" ", CommandWords.STATE_KEYWORDS))
                .replace("@FILTER_KEYWORDS@", String.join(" ", CommandWords.FILTER_KEYWORDS)));
        for (OptionDoc doc : OptionDocs.ALL) {
            String condition = OptionDocs.serveOnly(doc) ? SERVE_CONDITION : LISTING_CONDITION;
            char letter = OptionDocs.shortLetter(doc);
            List<String> names = OptionDocs.longNames(doc);
            String arguments = doc.argument() == null ? "" : arguments(ArgumentValues.ofKey(doc.key()));
            if (names.isEmpty()) {
                out.append(line(condition, "-s " + letter, arguments, doc.description()));
            }
            for (int i = 0; i < names.size(); i++) {
                // The letter goes on the first long name's line (-A, --socket and --query are one option).
                String flags = (i == 0 && letter != 0 ? "-s " + letter + " " : "") + "-l " + names.get(i);
                out.append(line(condition, flags, arguments, doc.description()));
            }
        }
        for (DoctorOptionDocs.Entry e : DoctorOptionDocs.ALL) {
            String flags = (e.shortName() == null ? "" : "-s " + e.shortName().substring(1) + " ")
                    + "-l " + e.longName().substring(2);
            String arguments = e.argument() == null ? "" : arguments(ArgumentValues.ofDoctor(e.longName()));
            out.append(line(DOCTOR_CONDITION, flags, arguments, e.description()));
        }
        return out.toString();
    }

    private static String line(String condition, String flags, String arguments, String description) {
        return "complete -c sockscope -n " + quote(condition) + " " + flags + arguments + " -d "
                + quote(description) + "\n";
    }

    private static String arguments(ArgumentValues values) {
        return switch (values) {
            case TABLES -> " -x -a " + quote(String.join(" ", CommandWords.TABLES));
            case FAMILIES -> " -x -a " + quote(String.join(" ", CommandWords.FAMILIES));
            case FORMATS -> " -x -a " + quote(String.join(" ", CommandWords.OUTPUT_FORMATS));
            case DIALECTS -> " -x -a " + quote(String.join(" ", CommandWords.DIALECTS));
            case NAMESPACES -> " -x -a '(__sockscope_netns)'";
            case FILES -> " -r -F";
            case DIRECTORIES -> " -x -a '(__fish_complete_directories)'";
            case USERS -> " -x -a '(__fish_complete_users)'";
            case NONE -> " -x";
        };
    }

    /** A single-quoted fish word: only a backslash and the quote itself are escaped there. */
    private static String quote(String word) {
        return "'" + word.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
