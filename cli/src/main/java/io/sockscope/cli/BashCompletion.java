package io.sockscope.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * sockscope's bash completion: options (long ones that take an argument offered with their {@code =}), their
 * arguments (tables, families, namespace names, files), the sub-commands, state names after {@code state} and
 * {@code exclude}, and the doctor's options after {@code doctor}; serve's own options only after {@code serve}, where
 * the command line knows them.
 */
final class BashCompletion {
    /**
     * The script, with @NAME@ holes filled from the tables. The words bash splits at {@code =} (COMP_WORDBREAKS)
     * are joined back, and a long option cut short is read the way getopt reads it: as the one name it begins.
     */
    private static final String TEMPLATE = """
            # bash completion for sockscope(8). Written from the command's option table; edit that, not this file.

            # The names ip netns gives namespaces, listed by the shell: completing never starts the command.
            _sockscope_netns()
            {
                local dir=${@NETNS_VARIABLE@:-/run/netns} path name
                for path in "$dir"/*; do
                    [[ -e $path ]] || continue
                    name=${path##*/}
                    [[ $name == "$1"* ]] && COMPREPLY+=("$2$name")
                done
            }

            # The long name a word such as --fam stands for (nothing when it begins none, or more than one).
            _sockscope_long()
            {
                local word=${1#--} name found=
                for name in $2; do
                    [[ $name == "$word" ]] && { printf '%s' "$name"; return; }
                    if [[ $name == "$word"* ]]; then
                        [[ -n $found ]] && return
                        found=$name
                    fi
                done
                printf '%s' "$found"
            }

            # Completes the argument $2 of option $1 (-A, --family...), each reply prefixed with $3;
            # fails when $1 takes no argument.
            _sockscope_argument()
            {
                local option=$1 value=$2 prefix=$3 key head
                case $option in
                    --*)
                        key=$(_sockscope_long "$option" "$4")
                        [[ " $5 " == *" $key "* ]] || return 1
                        ;;
                    *) key=${option: -1} ;;
                esac
                case $key in
            @ARGUMENT_CASES@
                    *) return 1 ;;
                esac
                return 0
            }

            _sockscope()
            {
                COMPREPLY=()
                local cur=${COMP_WORDS[COMP_CWORD]} prev= first= longs='@LISTING_LONG@' takes='@LISTING_TAKES@'
                (( COMP_CWORD > 0 )) && prev=${COMP_WORDS[COMP_CWORD-1]}
                (( COMP_CWORD > 1 )) && first=${COMP_WORDS[1]}
                if [[ $first == serve ]]; then
                    longs+=' @SERVE_LONG@'
                    takes+=' @SERVE_TAKES@'
                fi
                if [[ $first == doctor ]]; then
                    _sockscope_doctor "$cur" "$prev"
                    return 0
                fi
                # An option's argument: after the option, after its = (split off by bash or not), or joined to
                # its letter (-Ainet).
                if [[ $cur == = && $prev == --* ]]; then
                    _sockscope_argument "$prev" '' '' "$longs" "$takes" && return 0
                elif [[ $prev == = ]] && (( COMP_CWORD > 1 )) && [[ ${COMP_WORDS[COMP_CWORD-2]} == --* ]]; then
                    _sockscope_argument "${COMP_WORDS[COMP_CWORD-2]}" "$cur" '' "$longs" "$takes" && return 0
                elif [[ $cur == --*=* ]]; then
                    _sockscope_argument "${cur%%=*}" "${cur#*=}" "${cur%%=*}=" "$longs" "$takes" && return 0
                elif [[ $cur =~ ^(-[@NO_ARGUMENT@]*[@ARGUMENT@])(.+)$ ]]; then
                    _sockscope_argument "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[1]}" \\
                        "$longs" "$takes" && return 0
                fi
                if [[ $prev =~ ^-[@NO_ARGUMENT@]*[@ARGUMENT@]$ || ( $prev == --* && $prev != *=* ) ]]; then
                    _sockscope_argument "$prev" "$cur" '' "$longs" "$takes" && return 0
                fi
                if [[ $cur == -* ]]; then
                    local options='@LISTING_OPTIONS@'
                    [[ $first == serve ]] && options+=' @SERVE_OPTIONS@'
                    COMPREPLY=($(compgen -W "$options" -- "$cur"))
                    [[ ${COMPREPLY[*]} == *= || ${COMPREPLY[*]} == *'= '* ]] && compopt -o nospace 2>/dev/null
                    return 0
                fi
                case $prev in
                    state|exclude|excl)
                        COMPREPLY=($(compgen -W '@STATES@' -- "$cur"))
                        return 0
                        ;;
                esac
                if (( COMP_CWORD == 1 )); then
                    COMPREPLY=($(compgen -W '@SUB_COMMANDS@ @STATE_KEYWORDS@' -- "$cur"))
                elif [[ $first == help ]]; then
                    (( COMP_CWORD == 2 )) && COMPREPLY=($(compgen -W 'doctor' -- "$cur"))
                elif [[ $first != serve ]]; then
                    COMPREPLY=($(compgen -W '@STATE_KEYWORDS@ @FILTER_KEYWORDS@' -- "$cur"))
                fi
                return 0
            }

            # After doctor: its own options (exact names, as it reads them), a namespace or a user for the ones
            # that take them, and bind.
            _sockscope_doctor()
            {
                local cur=$1 prev=$2
                case $prev in
            @DOCTOR_CASES@
                esac
                if [[ $cur == -N?* ]]; then
                    _sockscope_netns "${cur#-N}" -N
                elif [[ $cur == -* ]]; then
                    COMPREPLY=($(compgen -W '@DOCTOR_OPTIONS@' -- "$cur"))
                elif (( COMP_CWORD == 2 )); then
                    COMPREPLY=($(compgen -W 'bind' -- "$cur"))
                fi
            }

            complete -F _sockscope sockscope
            """;

    private BashCompletion() {
    }

    static String script() {
        List<OptionDoc> listing = OptionDocs.ALL.stream().filter(d -> !OptionDocs.serveOnly(d)).toList();
        List<OptionDoc> serve = OptionDocs.ALL.stream().filter(OptionDocs::serveOnly).toList();
        return TEMPLATE
                .replace("@NETNS_VARIABLE@", Completions.NETNS_DIRECTORY_VARIABLE)
                .replace("@ARGUMENT_CASES@", argumentCases())
                .replace("@LISTING_LONG@", longNames(listing, d -> true))
                .replace("@LISTING_TAKES@", longNames(listing, d -> d.argument() != null))
                .replace("@SERVE_LONG@", longNames(serve, d -> true))
                .replace("@SERVE_TAKES@", longNames(serve, d -> d.argument() != null))
                .replace("@NO_ARGUMENT@", shortLetters(false))
                .replace("@ARGUMENT@", shortLetters(true))
                .replace("@LISTING_OPTIONS@", optionWords(listing))
                .replace("@SERVE_OPTIONS@", optionWords(serve))
                .replace("@STATES@", String.join(" ", CommandWords.stateWords()))
                .replace("@SUB_COMMANDS@", String.join(" ", CommandWords.SUB_COMMANDS))
                .replace("@STATE_KEYWORDS@", String.join(" ", CommandWords.STATE_KEYWORDS))
                .replace("@FILTER_KEYWORDS@", String.join(" ", CommandWords.FILTER_KEYWORDS))
                .replace("@DOCTOR_CASES@", doctorCases())
                .replace("@DOCTOR_OPTIONS@", doctorOptions());
    }

    /**
     * The cases of {@code _sockscope_argument}, keyed as the long names are: one per kind of value, listing every
     * option that takes it.
     */
    private static String argumentCases() {
        Map<String, List<String>> labelsByBody = new LinkedHashMap<>();
        for (OptionDoc doc : OptionDocs.ALL) {
            if (doc.argument() == null) {
                continue;
            }
            List<String> labels = labelsByBody.computeIfAbsent(body(ArgumentValues.ofKey(doc.key())),
                    b -> new ArrayList<>());
            char letter = OptionDocs.shortLetter(doc);
            if (letter != 0) {
                labels.add(String.valueOf(letter));
            }
            labels.addAll(OptionDocs.longNames(doc));
        }
        StringBuilder out = new StringBuilder();
        labelsByBody.forEach((body, labels) -> out.append("        ").append(String.join("|", labels)).append(")\n")
                .append("            ").append(body).append('\n')
                .append("            ;;\n"));
        return out.toString().stripTrailing();
    }

    private static String body(ArgumentValues values) {
        return switch (values) {
            case TABLES -> """
                    head=
                                [[ $value == *,* ]] && head=${value%,*},
                                value=${value##*,}
                                [[ $value == '!'* ]] && head+='!' && value=${value#!}
                                COMPREPLY=($(compgen -W '@TABLES@' -P "$prefix$head" -- "$value"))"""
                    .replace("@TABLES@", String.join(" ", CommandWords.TABLES));
            case FAMILIES -> "COMPREPLY=($(compgen -W '" + String.join(" ", CommandWords.FAMILIES)
                    + "' -P \"$prefix\" -- \"$value\"))";
            case FORMATS -> "COMPREPLY=($(compgen -W '" + String.join(" ", CommandWords.OUTPUT_FORMATS)
                    + "' -P \"$prefix\" -- \"$value\"))";
            case DIALECTS -> "COMPREPLY=($(compgen -W '" + String.join(" ", CommandWords.DIALECTS)
                    + "' -P \"$prefix\" -- \"$value\"))";
            case NAMESPACES -> "_sockscope_netns \"$value\" \"$prefix\"";
            case FILES -> "COMPREPLY=($(compgen -f -P \"$prefix\" -- \"$value\"))";
            case DIRECTORIES -> "COMPREPLY=($(compgen -d -P \"$prefix\" -- \"$value\"))";
            // A number, a time, an address: nothing to offer, but the word is the option's, not another option.
            case USERS, NONE -> ":";
        };
    }

    private static String doctorCases() {
        StringBuilder out = new StringBuilder();
        for (DoctorOptionDocs.Entry e : DoctorOptionDocs.ALL) {
            if (e.argument() == null) {
                continue;
            }
            String labels = e.shortName() == null ? e.longName() : e.shortName() + "|" + e.longName();
            String body = switch (ArgumentValues.ofDoctor(e.longName())) {
                case NAMESPACES -> "_sockscope_netns \"$cur\" ''";
                case USERS -> "COMPREPLY=($(compgen -u -- \"$cur\"))";
                default -> ":";
            };
            out.append("        ").append(labels).append(")\n")
                    .append("            ").append(body).append('\n')
                    .append("            return\n")
                    .append("            ;;\n");
        }
        return out.toString().stripTrailing();
    }

    private static String doctorOptions() {
        List<String> words = new ArrayList<>();
        for (DoctorOptionDocs.Entry e : DoctorOptionDocs.ALL) {
            if (e.shortName() != null) {
                words.add(e.shortName());
            }
            words.add(e.longName());
        }
        return String.join(" ", words);
    }

    private static String longNames(List<OptionDoc> docs, Predicate<OptionDoc> which) {
        List<String> names = new ArrayList<>();
        for (OptionDoc doc : docs) {
            if (which.test(doc)) {
                names.addAll(OptionDocs.longNames(doc));
            }
        }
        return String.join(" ", names);
    }

    /** Every short option as {@code -t}, every long one as {@code --tcp}, or {@code --family=} when it takes one. */
    private static String optionWords(List<OptionDoc> docs) {
        List<String> words = new ArrayList<>();
        for (OptionDoc doc : docs) {
            char letter = OptionDocs.shortLetter(doc);
            if (letter != 0) {
                words.add("-" + letter);
            }
            for (String name : OptionDocs.longNames(doc)) {
                words.add("--" + name + (doc.argument() == null ? "" : "="));
            }
        }
        return String.join(" ", words);
    }

    /** The short letters that take an argument, or those that take none, for a bracket expression. */
    private static String shortLetters(boolean takingArgument) {
        StringBuilder out = new StringBuilder();
        for (char c : OptionSpec.EVERY_SHORT.toCharArray()) {
            if (c != ':' && (OptionSpec.shortArity(c, OptionSpec.EVERY_SHORT) == 1) == takingArgument) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
