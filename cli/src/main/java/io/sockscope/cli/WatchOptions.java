package io.sockscope.cli;

import io.sockscope.live.LeakThresholds;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code sockscope watch} takes beyond the listing's table, state and filter options: how often it dumps
 * ({@code --interval}) and the leak detectors' thresholds ({@code --close-wait-age}, {@code --close-wait-rising},
 * {@code --fd-percent}, {@code --backlog-percent}, {@code --backlog-reads}). The listing's actions, which read the table once or act on it, are refused here with a
 * line saying why; so is {@code --json}, a document, where watch writes a stream.
 *
 * @param intervalMillis the time between two dumps
 * @param thresholds     when the leak detectors speak up
 * @param allNamespaces  {@code --all-netns}: every network namespace on the host, each read from inside it
 * @param rest           the command line without the watch-only options, for {@link ListingOptionsParser}
 */
record WatchOptions(long intervalMillis, LeakThresholds thresholds, boolean allNamespaces, CommandLine rest) {
    static final long DEFAULT_INTERVAL_MILLIS = 1000;

    /** Reads {@code line} (the words after {@code watch}). */
    static WatchOptions parse(CommandLine line) throws UsageException {
        long interval = DEFAULT_INTERVAL_MILLIS;
        LeakThresholds d = LeakThresholds.DEFAULTS;
        long closeWaitAge = d.closeWaitAgeMillis();
        int rising = d.closeWaitRisingLooks();
        int fdPercent = d.descriptorPercent();
        int backlogPercent = d.acceptQueuePercent();
        int backlogReads = d.acceptQueueLooks();
        boolean allNamespaces = false;
        List<CommandLine.Option> rest = new ArrayList<>();
        for (CommandLine.Option o : line.options()) {
            switch (o.key()) {
                case "all-netns" -> allNamespaces = true;
                case "interval" -> interval = DurationArgument.millis("--interval", o.argument());
                case "close-wait-age" -> closeWaitAge = DurationArgument.millis("--close-wait-age", o.argument());
                case "close-wait-rising" -> rising = whole("--close-wait-rising", o.argument(), 1, 1000);
                case "fd-percent" -> fdPercent = whole("--fd-percent", o.argument(), 1, 100);
                case "backlog-percent" -> backlogPercent = whole("--backlog-percent", o.argument(), 1, 100);
                case "backlog-reads" -> backlogReads = whole("--backlog-reads", o.argument(), 1, 1000);
                case "for" -> throw refused("--for", "watch runs until interrupted; sockscope leaks watches for a"
                        + " while");
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
                case "N" -> throw new UsageException("watch cannot take -N yet: run it inside the namespace (ip netns"
                        + " exec NAME sockscope watch), or watch every namespace with --all-netns", 1);
                case "root" -> throw refused("--root", "watch names no container");
                default -> rest.add(o);
            }
        }
        return new WatchOptions(interval,
                new LeakThresholds(closeWaitAge, rising, fdPercent, backlogPercent, backlogReads), allNamespaces,
                new CommandLine(List.copyOf(rest), line.operands()));
    }

    /** A whole number from {@code least} to {@code most}, or a usage error naming {@code option}. */
    static int whole(String option, String text, int least, int most) throws UsageException {
        if (text.matches("[0-9]{1,9}")) {
            int value = Integer.parseInt(text);
            if (value >= least && value <= most) {
                return value;
            }
        }
        throw new UsageException(option + " takes a whole number from " + least + " to " + most + ", not \""
                + text + "\"", 1);
    }

    private static UsageException streamOnly() {
        return new UsageException("watch writes a stream of events: use --ndjson for one JSON object per line", 1);
    }

    private static UsageException refused(String option, String why) {
        return new UsageException("watch cannot take " + option + ": " + why, 1);
    }
}
