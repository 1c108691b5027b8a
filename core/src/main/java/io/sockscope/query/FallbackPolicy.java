package io.sockscope.query;

/** When a table is read from {@code /proc/net} instead of the kernel. */
public enum FallbackPolicy {
    /**
     * As ss: when the kernel has no diag handler for the table, when {@code PROC_ROOT} or the table's
     * {@code PROC_NET_*} variable is set, and for the inet tables when the kernel could not run the filter's
     * program. What ss reads from {@code /proc/net} it then filters as ss does.
     */
    SS,
    /**
     * As the library: only when the kernel has no diag handler for the table. A filter the kernel cannot run is
     * left to the user-space test alone, which is correct for every expression.
     */
    KERNEL_FIRST
}
