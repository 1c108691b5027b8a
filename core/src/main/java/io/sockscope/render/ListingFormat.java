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
        boolean escapeControls) {

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
                escape);
    }
}
