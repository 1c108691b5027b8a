package io.sockscope.query;

import io.sockscope.model.Owner;
import io.sockscope.procmap.OwnerIndex;
import io.sockscope.procmap.OwnerScanner;
import io.sockscope.model.WarningSink;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.LongPredicate;

/**
 * The owners of the sockets a {@link QueryEngine} hands on, by inode, when the query wants them
 * ({@link Query.Owners}): a scan of {@code /proc} (or the kernel's task-file iterator) that the engine starts on
 * threads of its own as a run begins, while the run opens its netlink channel. The kernel is asked for the
 * sockets once the scan is over ({@link #awaitQuietly}, on the dump's thread), as ss reads /proc before it
 * dumps, and the first lookup waits for it too. Each run starts the join afresh.
 *
 * <p>When the scan has been over for a while by then (a quarter of its own time: a JVM without its start-up
 * cache, a loaded host), the dump's thread makes it again first, so that its moment is near the dump's.
 *
 * <p>A socket created after the scan read its owner's descriptors, but before the dump, has no owner in the
 * scan: under churn ss loses those too. Here the first such socket triggers one second scan, made after the
 * dump passed it, which keeps only the sockets the first scan did not find; a socket missing from the first
 * scan takes its owners from the second. Together the two scans miss only a socket whose descriptor was
 * opened after the first and closed before the second. A socket that existed when the first scan ran (its
 * inode well below the highest one that scan found) and was not found then is held by nobody this process
 * may see (the kernel's own sockets, a process whose descriptors are closed to us): it triggers nothing, and
 * neither does any socket when the first scan found none to compare with, so a quiet listing scans once.
 * Destroy events ({@link QueryEngine#follow}) get no second scan: a destroyed socket is gone.
 * Serves one thread at a time: the sink's, which is the run's (across namespaces, each namespace's thread in
 * turn, one after the other); only {@link #awaitQuietly}, which every dump's thread calls, is made for several.
 */
public final class OwnerJoin {
    /**
     * How far below the highest inode of the first scan a new socket's inode may be: the kernel hands out
     * inode numbers to each processor in batches of 1024 ({@code get_next_ino}), so a processor still using
     * an older batch numbers a new socket below one numbered earlier elsewhere. 64 batches.
     */
    static final long INODE_BATCH_SLACK = 64 * 1024;

    /**
     * How long the first scan may have been over when the dump is ready to be asked for before it is made
     * again: a quarter of its own time, and at least this.
     */
    static final long STALE_AFTER_NANOS = 2_000_000;

    /** A second scan, keeping only the sockets the predicate accepts. */
    @FunctionalInterface
    interface Rescan {
        OwnerIndex scan(LongPredicate wantedInodes);
    }

    /**
     * The second scan of a listing: {@code scanner} once more. A class rather than a lambda, as is
     * {@link NotFound}, so that it comes soon after the dump (docs/startup.md).
     */
    static final class SecondScan implements Rescan {
        private final OwnerScanner scanner;
        private final Path procRoot;
        private final boolean threads;

        SecondScan(OwnerScanner scanner, Path procRoot, boolean threads) {
            this.scanner = scanner;
            this.procRoot = procRoot;
            this.threads = threads;
        }

        @Override
        public OwnerIndex scan(LongPredicate wantedInodes) {
            return scanner.scan(procRoot, threads, wantedInodes);
        }
    }

    /** The sockets an index has no owner for. */
    private static final class NotFound implements LongPredicate {
        private final OwnerIndex index;

        NotFound(OwnerIndex index) {
            this.index = index;
        }

        @Override
        public boolean test(long inode) {
            return !index.hasOwners(inode);
        }
    }

    /** The first scan; replaced once by a fresh one while no lookup has been made ({@link #awaitQuietly}). */
    private volatile CompletableFuture<OwnerIndex> scan;
    private Rescan rescan;
    private long startedAt;
    private volatile long endedAt;
    /** Whether a dump's thread has waited for the scan: only the first may refresh it. */
    private boolean awaited;
    private OwnerIndex index;
    /** The second scan, once made. */
    private OwnerIndex second;
    /**
     * The first scan's highest inode, computed at the first miss: sockets numbered more than
     * {@link #INODE_BATCH_SLACK} below it existed when it ran.
     */
    private long newestKnown = -1;

    /** A join with no scan yet: lookups wait for {@link #start}. */
    OwnerJoin() {
    }

    /** Owners from {@code scan}, completed by one {@code rescan} (when not null). */
    OwnerJoin(CompletableFuture<OwnerIndex> scan, Rescan rescan) {
        start(scan, rescan);
    }

    /**
     * Starts the scan {@code owners} asks for, over {@code procRoot}, warning to {@code warnings}, and completed by
     * a second scan when {@code rescan}: the moment a run begins, as late as it may be and still overlap the
     * opening of the netlink channel.
     */
    void start(Query.Owners owners, Path procRoot, WarningSink warnings, boolean rescan) {
        OwnerScanner scanner = OwnerScanner.create(warnings).using(owners.method());
        if (owners.excludeSelf()) {
            scanner = scanner.excludingProcess(ProcessHandle.current().pid());
        }
        // The second look meets what the first met: its warnings would only repeat them.
        start(scanner.scanAsync(procRoot, owners.threads()),
                rescan ? new SecondScan(scanner.warningTo(WarningSink.IGNORE), procRoot, owners.threads()) : null);
    }

    /** Gives the first scan, started, and forgets whatever an earlier run found; before this no lookup may be made. */
    void start(CompletableFuture<OwnerIndex> firstScan, Rescan rescan) {
        this.rescan = rescan;
        awaited = false;
        index = null;
        second = null;
        newestKnown = -1;
        startedAt = System.nanoTime();
        scan = firstScan.whenComplete(new Stamp());
    }

    /** A run that wants no owners: no scan to wait for, and no lookup may be made. */
    void clear() {
        scan = null;
        rescan = null;
        index = null;
        second = null;
    }

    /** Notes when the first scan ended, on its thread, before the stage the others wait on completes. */
    private final class Stamp implements BiConsumer<OwnerIndex, Throwable> {
        @Override
        public void accept(OwnerIndex index, Throwable failure) {
            endedAt = System.nanoTime();
        }
    }

    /**
     * Every descriptor found holding socket {@code inode}, in ss's printing order; empty when none is known, and
     * always for inode 0. The first lookup of a run waits for its scan, and rethrows the scan's failure.
     */
    public List<Owner> owners(long inode) {
        if (index == null) {
            index = await();
        }
        List<Owner> found = index.owners(inode);
        if (!found.isEmpty() || rescan == null || inode <= 0) {
            return found;
        }
        if (second == null) {
            OwnerIndex first = index;
            if (newestKnown < 0) {
                newestKnown = first.highestInode();
            }
            if (inode <= newestKnown - INODE_BATCH_SLACK || newestKnown == 0) {
                return found;
            }
            second = rescan.scan(new NotFound(first));
        }
        return second.owners(inode);
    }

    /**
     * Waits for the scan to end, however it ends (a failure is thrown by the lookups): the dump's thread
     * calls this before it asks the kernel for a table.
     */
    synchronized void awaitQuietly() {
        CompletableFuture<OwnerIndex> first = scan;
        if (first == null) {
            return;
        }
        try {
            first.join();
        } catch (RuntimeException | Error e) {
            return; // given to the lookups, on the listing's thread
        }
        if (awaited || rescan == null) {
            return;
        }
        awaited = true;
        // The scan has been over for a while (a JVM without its start-up cache, a loaded host): a scan made
        // now, though it delays the dump by as long as it takes, reads the tables nearer the dump's moment.
        long stale = System.nanoTime() - endedAt;
        if (stale > Math.max((endedAt - startedAt) / 4, STALE_AFTER_NANOS)) {
            try {
                scan = CompletableFuture.completedFuture(rescan.scan(new NotFound(OwnerIndex.empty())));
            } catch (RuntimeException e) {
                // the first scan stands
            }
        }
    }

    /**
     * Waits for the scan if no lookup did: a listing without rows still ends after the scan, so that its
     * warnings are given and its threads are done, as when it ran first.
     */
    void finish() {
        if (index == null) {
            index = await();
        }
    }

    /** The finished scan; a failure of the scan is rethrown here as it was thrown there. */
    private OwnerIndex await() {
        if (scan == null) {
            throw new IllegalStateException("owners were not asked for: the query's Owners are NONE");
        }
        try {
            return scan.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }
}
