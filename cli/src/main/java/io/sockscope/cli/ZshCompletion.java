package io.sockscope.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * sockscope's zsh completion, a {@code #compdef} function for {@code _arguments}: the same options, arguments,
 * sub-commands and words as {@link BashCompletion}.
 */
final class ZshCompletion {
    private static final String TEMPLATE = """
            #compdef sockscope
            # zsh completion for sockscope(8). Written from the command's option table; edit that, not this file.

            # The names ip netns gives namespaces, listed by the shell: completing never starts the command.
            _sockscope_netns() {
              local -a names
              names=( ${@NETNS_VARIABLE@:-/run/netns}/*(N:t) )
              compadd -a names
            }

            _sockscope_tables() {
              _values -s , 'socket table' @TABLES@
            }

            # The words after the options: state names after state and exclude, else the keywords.
            _sockscope_words() {
              case $words[CURRENT-1] in
                state|exclude|excl) compadd -- @STATES@ ;;
                *) compadd -- @STATE_KEYWORDS@ @FILTER_KEYWORDS@ ;;
              esac
            }

            _sockscope() {
              local -a listing serve doctor
              listing=(
            @LISTING@
              )
              serve=(
            @SERVE@
              )
              doctor=(
            @DOCTOR@
              )
              if (( CURRENT == 2 )) && [[ $PREFIX != -* ]]; then
                compadd -- @SUB_COMMANDS@ @STATE_KEYWORDS@
                return
              fi
              case $words[2] in
                doctor) _arguments -S : $doctor '*:target:(bind)' ;;
                serve) _arguments -s -S : $listing $serve '1: :(serve)' ;;
                help) (( CURRENT == 3 )) && compadd -- doctor ;;
                *) _arguments -s -S : $listing '*:filter:_sockscope_words' ;;
              esac
            }

            _sockscope "$@"
            """;

    private ZshCompletion() {
    }

    static String script() {
        List<OptionDoc> listing = OptionDocs.ALL.stream().filter(d -> !OptionDocs.serveOnly(d)).toList();
        List<OptionDoc> serve = OptionDocs.ALL.stream().filter(OptionDocs::serveOnly).toList();
        return TEMPLATE
                .replace("@NETNS_VARIABLE@", Completions.NETNS_DIRECTORY_VARIABLE)
                .replace("@TABLES@", String.join(" ", CommandWords.TABLES))
                .replace("@STATES@", String.join(" ", CommandWords.stateWords()))
                .replace("@STATE_KEYWORDS@", String.join(" ", CommandWords.STATE_KEYWORDS))
                .replace("@FILTER_KEYWORDS@", String.join(" ", CommandWords.FILTER_KEYWORDS))
                .replace("@SUB_COMMANDS@", String.join(" ", CommandWords.SUB_COMMANDS))
                .replace("@LISTING@", specs(listing))
                .replace("@SERVE@", specs(serve))
                .replace("@DOCTOR@", doctorSpecs());
    }

    private static String specs(List<OptionDoc> docs) {
        List<String> lines = new ArrayList<>();
        for (OptionDoc doc : docs) {
            String description = "[" + escape(doc.description()) + "]";
            String argument = doc.argument() == null ? ""
                    : ":" + escape(doc.argument()) + ":" + action(ArgumentValues.ofKey(doc.key()));
            char letter = OptionDocs.shortLetter(doc);
            if (letter != 0) {
                lines.add(quote("-" + letter + (doc.argument() == null ? "" : "+") + description + argument));
            }
            for (String name : OptionDocs.longNames(doc)) {
                lines.add(quote("--" + name + (doc.argument() == null ? "" : "=") + description + argument));
            }
        }
        return indent(lines);
    }

    private static String doctorSpecs() {
        List<String> lines = new ArrayList<>();
        for (DoctorOptionDocs.Entry e : DoctorOptionDocs.ALL) {
            String description = "[" + escape(e.description()) + "]";
            String argument = e.argument() == null ? ""
                    : ":" + escape(e.argument()) + ":" + action(ArgumentValues.ofDoctor(e.longName()));
            if (e.shortName() != null) {
                // -N also takes its argument joined (-Nname), as the doctor reads it.
                String joined = e.argument() == null ? "" : "+";
                lines.add(quote(e.shortName() + joined + description + argument));
            }
            lines.add(quote(e.longName() + (e.argument() == null ? "" : "=") + description + argument));
        }
        return indent(lines);
    }

    private static String action(ArgumentValues values) {
        return switch (values) {
            case TABLES -> "_sockscope_tables";
            case FAMILIES -> "(" + String.join(" ", CommandWords.FAMILIES) + ")";
            case FORMATS -> "(" + String.join(" ", CommandWords.OUTPUT_FORMATS) + ")";
            case DIALECTS -> "(" + String.join(" ", CommandWords.DIALECTS) + ")";
            case NAMESPACES -> "_sockscope_netns";
            case FILES -> "_files";
            case DIRECTORIES -> "_directories";
            case USERS -> "_users";
            case NONE -> " ";
        };
    }

    /** Text inside an {@code _arguments} spec: its brackets and colons are syntax there. */
    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '\\' || c == '[' || c == ']' || c == ':') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A single-quoted zsh word. */
    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static String indent(List<String> lines) {
        return String.join("\n", lines.stream().map(l -> "    " + l).toList());
    }
}
