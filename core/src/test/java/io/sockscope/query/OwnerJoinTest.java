package io.sockscope.query;

import io.sockscope.model.Owner;
import io.sockscope.procmap.OwnerIndex;
import io.sockscope.procmap.OwnerScanner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The owners of a listing under churn, over a hand-made {@code /proc} tree that changes between the first scan
 * and the lookups, as a busy host's does between ss's scan and its dump: a socket that appears after the first
 * scan (in a process it had read, and in a process it had not met) gets its owner from one second scan; a
 * socket that was there all along and has no owner one may see does not cause a second scan.
 */
class OwnerJoinTest {
    private Path root;
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void createTree() throws IOException {
        root = Files.createTempDirectory("owner-join");
    }

    @AfterEach
    void removeTree() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private void process(int pid, String command) throws IOException {
        Files.createDirectories(root.resolve(pid + "/fd"));
        Files.writeString(root.resolve(pid + "/stat"),
                pid + " (" + command + ") S 1 " + pid + " " + pid + " 0 -1 4194560 0 0 0 0\n", StandardCharsets.UTF_8);
    }

    private void socket(int pid, int fd, long inode) throws IOException {
        Files.createSymbolicLink(root.resolve(pid + "/fd/" + fd), Path.of("socket:[" + inode + "]"));
    }

    private OwnerScanner scanner() {
        return OwnerScanner.create(warnings::add).using(OwnerScanner.Method.PROC);
    }

    /** Owners completed by a second scan of the tree, counting the second scans. */
    private OwnerJoin pending(OwnerIndex first, AtomicInteger rescans) {
        OwnerJoin.Rescan again = new OwnerJoin.SecondScan(scanner(), root, false);
        return new OwnerJoin(CompletableFuture.completedFuture(first), wanted -> {
            rescans.incrementAndGet();
            return again.scan(wanted);
        });
    }

    private static String text(List<Owner> owners) {
        return owners.stream().map(o -> o.command() + "/" + o.pid() + "/" + o.fd()).toList().toString();
    }

    @Test
    void socketsOpenedAfterTheFirstScanGetTheirOwnersFromOneSecondScan() throws IOException {
        process(100, "server");
        socket(100, 3, 200_000);
        socket(100, 4, 200_001);
        OwnerIndex first = scanner().scan(root, false);
        // After the first scan, before the dump: the server accepts a connection, and a client starts.
        socket(100, 5, 200_007);
        process(300, "client");
        socket(300, 3, 200_008);
        // ... and the server closes one it had, which the dump no longer shows.
        Files.delete(root.resolve("100/fd/4"));

        AtomicInteger rescans = new AtomicInteger();
        OwnerJoin owners = pending(first, rescans);
        assertEquals("[server/100/3]", text(owners.owners(200_000)));
        assertEquals(0, rescans.get(), "every socket so far was found by the first scan");
        assertEquals("[server/100/5]", text(owners.owners(200_007)));
        assertEquals("[client/300/3]", text(owners.owners(200_008)));
        assertEquals(1, rescans.get(), "one second scan serves every later socket");
        // The first scan still answers for what it found, even what has gone since.
        assertEquals("[server/100/4]", text(owners.owners(200_001)));
        assertEquals("[]", text(owners.owners(200_009)), "nobody holds it");
        assertEquals(1, rescans.get());
        assertEquals(List.of(), warnings);
    }

    @Test
    void anOldSocketWithoutAnOwnerDoesNotScanAgain() throws IOException {
        process(100, "server");
        socket(100, 3, 500_000);
        OwnerIndex first = scanner().scan(root, false);
        AtomicInteger rescans = new AtomicInteger();
        OwnerJoin owners = pending(first, rescans);
        // A kernel socket, or one held by a process whose descriptors are closed to us: numbered long before the
        // first scan's sockets, so it existed then and a second look would not find it either.
        long old = 500_000 - OwnerJoin.INODE_BATCH_SLACK - 1;
        assertEquals("[]", text(owners.owners(old)));
        assertEquals("[]", text(owners.owners(1524)));
        assertEquals("[]", text(owners.owners(0)), "time-wait and request sockets are never looked up");
        assertEquals(0, rescans.get());
        // Within a few batches of the highest inode it may be new (another processor's batch): look again.
        process(300, "client");
        socket(300, 7, old + 2);
        assertEquals("[client/300/7]", text(owners.owners(old + 2)));
        assertEquals(1, rescans.get());
        // Once scanned again, an old socket is looked up in the second scan too, at no further cost.
        assertEquals("[]", text(owners.owners(old)));
        assertEquals(1, rescans.get());
    }

    @Test
    void aFirstScanThatFoundNoSocketGivesNothingToCompareWithAndNoSecondScan() throws IOException {
        // A host where every socket is held by processes closed to us, or by none: each listing would scan twice.
        OwnerIndex first = scanner().scan(root, false);
        AtomicInteger rescans = new AtomicInteger();
        OwnerJoin owners = pending(first, rescans);
        process(42, "late");
        socket(42, 9, 1524);
        assertEquals("[]", text(owners.owners(1524)));
        assertEquals(0, rescans.get());
    }

    @Test
    void noLookupBeforeTheScanIsGivenAndEachRunStartsAfresh() throws IOException {
        OwnerJoin owners = new OwnerJoin();
        assertThrows(IllegalStateException.class, () -> owners.owners(5));
        owners.start(CompletableFuture.completedFuture(OwnerIndex.empty()), null);
        assertEquals("[]", text(owners.owners(5)));
        process(100, "server");
        socket(100, 3, 5);
        owners.start(CompletableFuture.completedFuture(scanner().scan(root, false)), null);
        assertEquals("[server/100/3]", text(owners.owners(5)), "the next run looks up in its own scan");
        owners.clear();
        assertThrows(IllegalStateException.class, () -> owners.owners(5));
    }

    @Test
    void withoutASecondScanAMissingSocketHasNoOwner() throws IOException {
        process(100, "server");
        socket(100, 3, 200_000);
        OwnerIndex first = scanner().scan(root, false);
        socket(100, 4, 200_001);
        OwnerJoin owners = new OwnerJoin(CompletableFuture.completedFuture(first), null);
        assertEquals("[]", text(owners.owners(200_001)));
    }

    @Test
    void aScanLongOverWhenTheDumpIsReadyIsMadeAgainFirstOnce() throws Exception {
        process(100, "server");
        socket(100, 3, 200_000);
        OwnerIndex first = scanner().scan(root, false);
        AtomicInteger rescans = new AtomicInteger();
        OwnerJoin owners = pending(first, rescans);
        // The listing's channel took long to get ready: meanwhile the server accepted a connection.
        socket(100, 4, 200_001);
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(OwnerJoin.STALE_AFTER_NANOS) + 5);
        owners.awaitQuietly();
        assertEquals(1, rescans.get(), "the scan is made again before the dump");
        owners.awaitQuietly();
        assertEquals(1, rescans.get(), "a later table's dump does not scan again");
        assertEquals("[server/100/4]", text(owners.owners(200_001)));
        assertEquals("[server/100/3]", text(owners.owners(200_000)));
        assertEquals(1, rescans.get(), "found by the fresh scan, with no second look");
    }

    @Test
    void aScanStillRunningWhenTheDumpIsReadyIsNotMadeAgain() throws Exception {
        CompletableFuture<OwnerIndex> scan = new CompletableFuture<>();
        AtomicInteger rescans = new AtomicInteger();
        OwnerJoin owners = new OwnerJoin(scan, wanted -> {
            rescans.incrementAndGet();
            return OwnerIndex.empty();
        });
        Thread dump = Thread.ofPlatform().start(owners::awaitQuietly);
        // On a loaded host the thread may start late: it must be waiting for the scan before the scan ends, or
        // the scan is rightly stale by the time it looks.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (dump.getState() != Thread.State.WAITING && dump.getState() != Thread.State.TIMED_WAITING
                && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(OwnerJoin.STALE_AFTER_NANOS) + 5);
        scan.complete(OwnerIndex.empty());
        dump.join(10_000);
        assertFalse(dump.isAlive());
        assertEquals(0, rescans.get(), "the dump followed the scan at once");
    }

    @Test
    void theGateWaitsForTheScanAndLeavesItsFailureToTheLookups() throws InterruptedException {
        CompletableFuture<OwnerIndex> scan = new CompletableFuture<>();
        OwnerJoin owners = new OwnerJoin(scan, wanted -> OwnerIndex.empty());
        Thread dump = Thread.ofPlatform().start(owners::awaitQuietly);
        dump.join(100);
        assertTrue(dump.isAlive(), "the dump waits while the scan runs");
        scan.completeExceptionally(new IllegalStateException("no /proc"));
        dump.join(10_000);
        assertFalse(dump.isAlive(), "a failed scan releases the dump without a word");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> owners.owners(5));
        assertEquals("no /proc", e.getMessage());
    }
}
