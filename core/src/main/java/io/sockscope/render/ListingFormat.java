package io.sockscope.render;

/**
 * How the ss-style table is laid out.
 *
 * @param showNetid   whether the Netid column is shown (ss: more than one table selected)
 * @param showState   whether the State column is shown (ss: more than one state selected)
 * @param header      print the header line ({@code -H} turns it off)
 * @param numeric     {@code -n}: numbers instead of service, protocol and process names
 * @param processes   {@code -p}: show owners
 * @param threads     {@code -T}: show owners per thread
 * @param screenWidth terminal width to spread columns over, or -1 for compact output
 * @param extended    what follows the columns ({@code -o -e -m -i --tos --cgroup -b -O})
 * @param escapeControls write the control bytes of names that users choose (process names, unix socket paths
 *                    and abstract names, cgroup paths, interface names) as escapes ({@code \033}, {@code \n}),
 *                    so that they cannot act on a terminal; false prints them as they are, as ss does
 * @param dialect     which release of ss the table copies
 * @param queues      the Recv-Q and Send-Q columns are shown (7.1's {@code -Q} hides them)
 */
public record ListingFormat(
        boolean showNetid,
        boolean showState,
        boolean header,
        boolean numeric,
        boolean processes,
        boolean threads,
        int screenWidth,
        ExtendedOutput extended,
        boolean escapeControls,
        SsDialect dialect,
        boolean queues) {

    public ListingFormat {
        java.util.Objects.requireNonNull(dialect, "dialect");
    }

    /** A format of ss 6.1's table with both queue columns. */
    public ListingFormat(boolean showNetid, boolean showState, boolean header, boolean numeric, boolean processes,
                         boolean threads, int screenWidth, ExtendedOutput extended, boolean escapeControls) {
        this(showNetid, showState, header, numeric, processes, threads, screenWidth, extended, escapeControls,
                SsDialect.V6_1, true);
    }

    /** A format that prints names as they are, as ss does. */
    public ListingFormat(boolean showNetid, boolean showState, boolean header, boolean numeric, boolean processes,
                         boolean threads, int screenWidth, ExtendedOutput extended) {
        this(showNetid, showState, header, numeric, processes, threads, screenWidth, extended, false);
    }

    /** A format with nothing beyond the columns. */
    public ListingFormat(boolean showNetid, boolean showState, boolean header, boolean numeric, boolean processes,
                         boolean threads, int screenWidth) {
        this(showNetid, showState, header, numeric, processes, threads, screenWidth, ExtendedOutput.NONE);
    }

    /** This format, with names' control bytes escaped or not. */
    public ListingFormat withEscapedControls(boolean escape) {
        return new ListingFormat(showNetid, showState, header, numeric, processes, threads, screenWidth, extended,
                escape, dialect, queues);
    }

    /** This format, as the ss of {@code release} prints it, with the queue columns or not. */
    public ListingFormat inDialect(SsDialect release, boolean withQueues) {
        return new ListingFormat(showNetid, showState, header, numeric, processes, threads, screenWidth, extended,
                escapeControls, release, withQueues);
    }

    /** This format over {@code columns} of screen ({@code -1}: compact). */
    public ListingFormat withScreenWidth(int columns) {
        return new ListingFormat(showNetid, showState, header, numeric, processes, threads, columns, extended,
                escapeControls, dialect, queues);
    }
}
