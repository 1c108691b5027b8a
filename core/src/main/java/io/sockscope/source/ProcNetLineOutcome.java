package io.sockscope.source;

/** What became of one line of a {@code /proc/net} table, as ss's per-line workers decide it. */
enum ProcNetLineOutcome {
    /** A socket was parsed and passed the request's filters. */
    RECORD,
    /** The line was fine but the request does not want it. */
    FILTERED,
    /** The line cannot be read; it is skipped with a warning. */
    MALFORMED,
    /** ss gives up on the rest of the file at this line (its worker returned an error). */
    STOP
}
