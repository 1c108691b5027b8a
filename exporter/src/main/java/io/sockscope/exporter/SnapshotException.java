package io.sockscope.exporter;

import java.io.Serial;

/** A snapshot could not be taken: the scrape that asked for it fails with this message (HTTP 500). */
public final class SnapshotException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
