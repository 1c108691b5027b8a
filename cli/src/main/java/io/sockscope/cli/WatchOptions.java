package io.sockscope.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code sockscope watch} takes beyond the listing's table, state and filter options: how often it dumps
 * ({@code --interval}). The listing's actions, which read the table once or act on it, are refused here with a
 * line saying why; so is {@code --json}, a document, where watch writes a stream.
 *
 * @param intervalMillis the time between two dumps
 * @param rest           the command line without the watch-only options, for {@link ListingOptionsParser}
 */
record WatchOptions(long intervalMillis, CommandLine rest) {
    static final long DEFAULT_INTERVAL_MILLIS = 1000;

    /** Reads {@code line} (the words after {@code watch}). */
    static WatchOptions parse(CommandLine line) throws UsageException {
        long interval = DEFAULT_INTERVAL_MILLIS;
        List<CommandLine.Option> rest = new ArrayList<>();
        for (CommandLine.Option o : line.options()) {
            switch (o.key()) {
                case "interval" -> interval = DurationArgument.millis("--interval", o.argument());
                case "K" -> throw refused("-K", "it closes sockets once");
                case "D" -> throw refused("-D", "it writes one raw dump");
                case "E" -> throw refused("-E", "watch follows destroy events by itself");
                case "s" -> throw refused("-s", "it sums the table up once");
                case "json" -> throw streamOnly();
                case "output" -> {
                    if (OutputFormat.named(o.argument()) == OutputFormat.JSON) {
                        throw streamOnly();
                    }
                    rest.add(o);
                }
                case "N", "all-netns" -> throw new UsageException("watch reads this network namespace only, for"
                        + " now", 1);
                default -> rest.add(o);
            }
        }
        return new WatchOptions(interval, new CommandLine(List.copyOf(rest), line.operands()));
    }

    private static UsageException streamOnly() {
        return new UsageException("watch writes a stream of events: use --ndjson for one JSON object per line", 1);
    }

    private static UsageException refused(String option, String why) {
        return new UsageException("watch cannot take " + option + ": " + why, 1);
    }
}
