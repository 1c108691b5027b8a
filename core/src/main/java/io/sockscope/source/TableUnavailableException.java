package io.sockscope.source;

/**
 * The source cannot provide this kind of dump at all (for netlink: the kernel has no diag handler for the
 * family or protocol, e.g. raw diag not built in). Thrown before any socket of the dump was delivered, so
 * the caller may fall back to another source.
 */
public class TableUnavailableException extends SourceException {
    private static final long serialVersionUID = 1L;

    public TableUnavailableException(String message) {
        super(message);
    }

    public TableUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
