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
 */
public record ListingFormat(
        boolean showNetid,
        boolean showState,
        boolean header,
        boolean numeric,
        boolean processes,
        boolean threads,
        int screenWidth) {
}
