package io.sockscope.kernel;

/** How a completed dump went. */
public enum DumpOutcome {
    /** The kernel reported no change during the dump. */
    CONSISTENT,
    /**
     * The kernel flagged the dump {@code NLM_F_DUMP_INTR} (its data changed under it) after messages had been
     * delivered, or on every attempt: everything was delivered, and the listing may show a socket twice or
     * miss one.
     */
    POSSIBLY_INCONSISTENT
}
