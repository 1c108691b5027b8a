package io.sockscope.exporter;

import io.sockscope.export.MetricsSnapshot;

/** Takes a fresh {@link MetricsSnapshot}; called on one thread at a time. */
@FunctionalInterface
public interface SnapshotSource {
    /** A snapshot of the socket table now; throws when no table at all could be read. */
    MetricsSnapshot take() throws SnapshotException;
}
