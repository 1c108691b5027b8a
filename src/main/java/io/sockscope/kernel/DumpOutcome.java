package io.sockscope.kernel;

/** How a completed dump went. */
public enum DumpOutcome {
    /** The kernel reported no change during the dump. */
    CONSISTENT,
    /**
     * The kernel flagged the dump {@code NLM_F_DUMP_INTR} (its data changed under it) on every attempt; the
     * last attempt was delivered and may list a socket twice or miss one.
     */
    POSSIBLY_INCONSISTENT
}
