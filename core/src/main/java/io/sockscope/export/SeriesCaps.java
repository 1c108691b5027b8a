package io.sockscope.export;

/**
 * How many series of each unbounded kind a snapshot keeps, so that a host with 10,000 processes or listeners
 * cannot flood the monitoring system that scrapes it.
 *
 * @param processes the processes with series of their own, those holding the most sockets; the rest are summed
 *                  under {@code process="other"}
 * @param listeners the listening addresses kept (lowest ports first); the rest are dropped and counted
 */
public record SeriesCaps(int processes, int listeners) {
    /** What {@code serve} keeps unless told otherwise. */
    public static final SeriesCaps DEFAULTS = new SeriesCaps(100, 1000);

    public SeriesCaps {
        if (processes < 0 || listeners < 0) {
            throw new IllegalArgumentException("caps must not be negative");
        }
    }
}
