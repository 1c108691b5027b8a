package io.sockscope.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code sockscope leaks} takes: how long it watches ({@code --for}, default a minute), whether it writes
 * JSON ({@code --json}), and everything {@code watch} takes (the interval, the detectors' thresholds, the
 * listing's tables, states and filter).
 *
 * @param forMillis how long to watch
 * @param watch     the rest, read as {@code watch} reads it
 */
record LeaksOptions(long forMillis, WatchOptions watch) {
    static final long DEFAULT_FOR_MILLIS = 60_000;

    static LeaksOptions parse(CommandLine line) throws UsageException {
        long forMillis = DEFAULT_FOR_MILLIS;
        List<CommandLine.Option> rest = new ArrayList<>();
        List<CommandLine.Option> json = new ArrayList<>();
        for (CommandLine.Option o : line.options()) {
            switch (o.key()) {
                case "for" -> forMillis = DurationArgument.millis("--for", o.argument());
                // A verdict is one document: watch refuses these for its stream, leaks writes one.
                case "json" -> json.add(o);
                case "output" -> {
                    if (OutputFormat.named(o.argument()) == OutputFormat.NDJSON) {
                        throw ndjson();
                    }
                    json.add(o);
                }
                case "ndjson" -> throw ndjson();
                default -> rest.add(o);
            }
        }
        WatchOptions watch = WatchOptions.parse(new CommandLine(List.copyOf(rest), line.operands()));
        List<CommandLine.Option> listing = new ArrayList<>(watch.rest().options());
        listing.addAll(json);
        return new LeaksOptions(forMillis, new WatchOptions(watch.intervalMillis(), watch.thresholds(), watch.allNamespaces(),
                new CommandLine(List.copyOf(listing), watch.rest().operands())));
    }

    private static UsageException ndjson() {
        return new UsageException("leaks writes one verdict: use --json for a JSON document, or sockscope watch"
                + " --ndjson for a stream of events", 1);
    }
}
