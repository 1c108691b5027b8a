package io.sockscope.cli;

import io.sockscope.render.ExtendedOutput;
import io.sockscope.render.SsDialect;

import java.util.List;

/**
 * Everything a listing command line asked for, after ss's rules were applied.
 *
 * @param selection  tables, families and states
 * @param numeric    {@code -n}
 * @param processes  {@code -p}
 * @param threads    {@code -T}
 * @param header     false with {@code -H}
 * @param oneline    {@code -O}
 * @param expression the words of a filter expression (after the state words), possibly empty
 * @param filterFileText the text of the {@code -F} file, or null
 * @param summary    {@code -s}: print the socket counters first
 * @param summaryOnly {@code -s} with nothing that selects sockets: the counters are all that is printed
 * @param resolve    {@code -r}: host names instead of addresses
 * @param debug      {@code --debug}: show stack traces of unexpected errors
 * @param extended   what follows the columns: {@code -o -e -m -i --tos --cgroup -b} (and {@code -O})
 * @param format     ss's table, or JSON ({@code --json}, {@code --ndjson}, {@code --output})
 * @param statesNarrowed state words or {@code -l} left out some of the connections a plain listing shows:
 *                   with a filter expression that narrows, what {@code -K} accepts as naming its sockets
 * @param controlChars how names' control bytes are shown ({@code --show-control-chars},
 *                   {@code --escape-control-chars}; by default escaped on a terminal only)
 * @param dialect    which release of ss the table copies
 * @param queues     the Recv-Q and Send-Q columns are shown (false with 7.1's {@code -Q})
 */
record ListingOptions(
        TableSelection selection,
        boolean numeric,
        boolean processes,
        boolean threads,
        boolean header,
        boolean oneline,
        List<String> expression,
        String filterFileText,
        boolean summary,
        boolean summaryOnly,
        boolean resolve,
        boolean debug,
        ExtendedOutput extended,
        OutputFormat format,
        boolean statesNarrowed,
        ControlChars controlChars,
        SsDialect dialect,
        boolean queues) {
}
