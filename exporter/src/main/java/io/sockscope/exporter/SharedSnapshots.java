package io.sockscope.exporter;

import io.sockscope.export.MetricsSnapshot;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Snapshots for scrapes: each scrape gets a snapshot taken after it asked, unless one is being taken already, which
 * it then shares (eight Prometheus servers scraping at once cost one dump, not eight). Snapshots are taken on a
 * thread of their own, so a slow dump holds no HTTP thread: a scrape is answered when its future completes.
 */
public final class SharedSnapshots implements AutoCloseable {
    private final SnapshotSource source;
    private final ExecutorService taker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sockscope-snapshot");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<MetricsSnapshot> inFlight;

    public SharedSnapshots(SnapshotSource source) {
        this.source = source;
    }

    /** The snapshot being taken, or a new one; completes exceptionally with a {@link SnapshotException}. */
    public synchronized CompletableFuture<MetricsSnapshot> next() {
        if (inFlight != null) {
            return inFlight;
        }
        CompletableFuture<MetricsSnapshot> taking = new CompletableFuture<>();
        inFlight = taking;
        taker.execute(() -> {
            try {
                MetricsSnapshot snapshot = takeTimed();
                finished();
                taking.complete(snapshot);
            } catch (SnapshotException | RuntimeException e) {
                finished();
                taking.completeExceptionally(e);
            }
        });
        return taking;
    }

    private MetricsSnapshot takeTimed() throws SnapshotException {
        long start = System.nanoTime();
        MetricsSnapshot snapshot = source.take();
        return snapshot.withDuration((System.nanoTime() - start) / 1e9);
    }

    /** Lets the next scrape start a snapshot of its own: this one is no longer fresh for it. */
    private synchronized void finished() {
        inFlight = null;
    }

    /** Stops taking snapshots; one being taken is given up to a second to end. */
    @Override
    public void close() {
        taker.shutdownNow();
        try {
            taker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
