package io.sockscope.exporter;

import io.sockscope.export.MetricsSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SharedSnapshots}: scrapes that ask while a snapshot is taken share it; a later one takes a fresh one. */
class SharedSnapshotsTest {
    private static MetricsSnapshot empty(long at) {
        return new MetricsSnapshot(at, false, List.of(), List.of(), List.of(), List.of(), List.of(),
                MetricsSnapshot.TruncatedSeries.NONE, 0);
    }

    @Test
    void scrapesArrivingDuringASnapshotShareItAndTheNextScrapeTakesAFreshOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger taken = new AtomicInteger();
        try (SharedSnapshots shared = new SharedSnapshots(() -> {
            int n = taken.incrementAndGet();
            try {
                if (!release.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return empty(n);
        })) {
            CompletableFuture<MetricsSnapshot> first = shared.next();
            CompletableFuture<MetricsSnapshot> second = shared.next();
            assertSame(first, second, "a scrape during a snapshot waits for that one");
            release.countDown();
            assertEquals(1, first.get(10, TimeUnit.SECONDS).takenAtMillis());
            MetricsSnapshot later = shared.next().get(10, TimeUnit.SECONDS);
            assertEquals(2, later.takenAtMillis(), "a scrape after it gets a snapshot of its own");
            assertEquals(2, taken.get());
            assertTrue(later.durationSeconds() >= 0);
        }
    }

    @Test
    void aFailedSnapshotFailsTheScrapesWaitingAndTheNextOneTriesAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (SharedSnapshots shared = new SharedSnapshots(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new SnapshotException("no socket table could be read", null);
            }
            return empty(7);
        })) {
            CompletableFuture<MetricsSnapshot> failing = shared.next();
            ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
            assertInstanceOf(SnapshotException.class, e.getCause());
            CompletableFuture<MetricsSnapshot> next = shared.next();
            assertNotSame(failing, next);
            assertEquals(7, next.get(10, TimeUnit.SECONDS).takenAtMillis());
        }
    }
}
