package io.sockscope.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What {@code sockscope top} takes beyond the listing's table, state and filter options: how often it refreshes
 * ({@code --interval}). With no table, family or state option and no {@code state}/{@code exclude} word it shows
 * every TCP socket ({@code -ta}): the listing's default (connected sockets of every table) has no listener, and
 * the port view is made of listeners. The listing's actions and its structured outputs are refused with a line
 * saying why: top draws a screen.
 *
 * @param intervalMillis the time between two refreshes
 * @param rest           the command line without top's own options, for {@link ListingOptionsParser}
 */
record TopOptions(long intervalMillis, CommandLine rest) {
    /** The options that choose tables, families or states: any of them replaces top's default of {@code -ta}. */
    private static final Set<String> SELECTING = Set.of("t", "u", "w", "x", "0", "d", "S", "M", "A", "f", "4", "6",
            "a", "l", "vsock", "tipc", "xdp");

    /** Reads {@code line} (the words after {@code top}). */
    static TopOptions parse(CommandLine line) throws UsageException {
        long interval = WatchOptions.DEFAULT_INTERVAL_MILLIS;
        List<CommandLine.Option> rest = new ArrayList<>();
        boolean selected = line.operands().contains("state") || line.operands().contains("exclude");
        for (CommandLine.Option o : line.options()) {
            switch (o.key()) {
                case "interval" -> interval = DurationArgument.millis("--interval", o.argument());
                case "K" -> throw refused("-K", "it closes sockets once");
                case "D" -> throw refused("-D", "it writes one raw dump");
                case "E" -> throw refused("-E", "it shows what the table holds, not what is destroyed");
                case "s" -> throw refused("-s", "it sums the table up once");
                case "json", "ndjson", "output" -> throw new UsageException("top draws a screen (or a plain table"
                        + " when stdout is not a terminal): for JSON, use sockscope watch --ndjson or a listing", 1);
                case "N", "all-netns" -> throw new UsageException("top reads this network namespace only, for now", 1);
                case "close-wait-age", "close-wait-rising", "fd-percent", "backlog-percent", "backlog-reads", "for" ->
                        throw refused("--" + o.key(), "leak detectors run in sockscope watch and sockscope leaks");
                default -> {
                    selected |= SELECTING.contains(o.key());
                    rest.add(o);
                }
            }
        }
        if (!selected) {
            rest.add(new CommandLine.Option("t", null));
            rest.add(new CommandLine.Option("a", null));
        }
        return new TopOptions(interval, new CommandLine(List.copyOf(rest), line.operands()));
    }

    private static UsageException refused(String option, String why) {
        return new UsageException("top cannot take " + option + ": " + why, 1);
    }
}
