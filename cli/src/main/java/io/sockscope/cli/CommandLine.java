package io.sockscope.cli;

import io.sockscope.render.SsDialect;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line split the way GNU {@code getopt_long} splits ss's: options may be clustered ({@code -tlnp}),
 * an option's argument may be attached ({@code -Ainet}, {@code --family=inet}) or the next word, long names
 * may be abbreviated to any unambiguous prefix, options and other words may be interleaved (the other words,
 * in order, are the state words and the filter expression), and {@code --} ends the options.
 *
 * @param options  the options in the order given
 * @param operands every word that is not an option
 */
record CommandLine(List<Option> options, List<String> operands) {

    /**
     * One option occurrence: its key (short letter or long-only name) and argument (or null), and where the
     * argument was written: the index of the word, and the character where it starts in that word (after an
     * ASCII prefix such as {@code -tN} or {@code --net=}), or -1 for no argument. The place lets
     * {@link RawArguments} recover the argument's bytes, which the JVM's decoding of argv may have lost.
     */
    record Option(String key, String argument, int word, int from) {
        Option(String key, String argument) {
            this(key, argument, -1, -1);
        }
    }

    /** Splits {@code args} with ss 6.1's options; after a first word {@code serve}, serve's own too. */
    static CommandLine parse(String[] args) throws UsageException {
        return parse(args, SsDialect.V6_1);
    }

    /** Splits {@code args} with the options of {@code dialect}'s ss, and serve's own after {@code serve}. */
    static CommandLine parse(String[] args, SsDialect dialect) throws UsageException {
        List<OptionSpec.LongOption> longOptions =
                OptionSpec.longOptions(dialect, args.length > 0 && args[0].equals("serve"));
        String shortOptions = OptionSpec.shortOptions(dialect);
        List<Option> options = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                operands.addAll(List.of(args).subList(i + 1, args.length));
                break;
            } else if (a.startsWith("--")) {
                i = parseLong(args, i, options, longOptions);
            } else if (a.startsWith("-") && a.length() > 1) {
                i = parseShortCluster(args, i, options, shortOptions);
            } else {
                operands.add(a);
            }
        }
        return new CommandLine(List.copyOf(options), List.copyOf(operands));
    }

    private static int parseShortCluster(String[] args, int i, List<Option> options, String shortOptions)
            throws UsageException {
        String a = args[i];
        for (int j = 1; j < a.length(); j++) {
            char c = a.charAt(j);
            int arity = OptionSpec.shortArity(c, shortOptions);
            if (arity < 0) {
                throw new UsageException("invalid option -- '" + c + "'");
            }
            if (arity == 0) {
                options.add(new Option(String.valueOf(c), null));
                continue;
            }
            if (j + 1 < a.length()) {
                options.add(new Option(String.valueOf(c), a.substring(j + 1), i, j + 1));
            } else if (i + 1 < args.length) {
                i++;
                options.add(new Option(String.valueOf(c), args[i], i, 0));
            } else {
                throw new UsageException("option requires an argument -- '" + c + "'");
            }
            break;
        }
        return i;
    }

    private static int parseLong(String[] args, int i, List<Option> options, List<OptionSpec.LongOption> longOptions)
            throws UsageException {
        String body = args[i].substring(2);
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        String attached = eq < 0 ? null : body.substring(eq + 1);
        OptionSpec.LongOption match = findLong(name, longOptions);
        if (!match.hasArgument()) {
            if (attached != null) {
                throw new UsageException("option '--" + match.name() + "' doesn't allow an argument");
            }
            options.add(new Option(match.key(), null));
            return i;
        }
        if (attached != null) {
            options.add(new Option(match.key(), attached, i, 2 + eq + 1));
            return i;
        }
        if (i + 1 >= args.length) {
            throw new UsageException("option '--" + match.name() + "' requires an argument");
        }
        options.add(new Option(match.key(), args[i + 1], i + 1, 0));
        return i + 1;
    }

    private static OptionSpec.LongOption findLong(String name, List<OptionSpec.LongOption> longOptions)
            throws UsageException {
        OptionSpec.LongOption found = null;
        boolean ambiguous = false;
        for (OptionSpec.LongOption o : longOptions) {
            if (o.name().equals(name)) {
                return o;
            }
            if (!name.isEmpty() && o.name().startsWith(name)) {
                // Prefixes of two names for the same option (--socket/--query style) are not ambiguous.
                if (found != null && !(found.key().equals(o.key()) && found.hasArgument() == o.hasArgument())) {
                    ambiguous = true;
                }
                if (found == null) {
                    found = o;
                }
            }
        }
        if (ambiguous) {
            throw new UsageException("option '--" + name + "' is ambiguous");
        }
        if (found == null) {
            throw new UsageException("unrecognized option '--" + name + "'");
        }
        return found;
    }
}
