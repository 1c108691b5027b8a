package io.sockscope.cli;

import io.sockscope.model.Owner;
import io.sockscope.procmap.OwnerIndex;
import io.sockscope.render.OwnerLookup;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The owners of a listing ({@code -p}, {@code -T}) from a {@code /proc} scan still running when the listing
 * starts: the first lookup waits for it. The scan is the longest part of such a listing and runs on threads
 * of its own, so the listing's own start (native linkage, the netlink dump filling its buffer) overlaps it
 * instead of following it. Serves one thread.
 */
final class PendingOwners implements OwnerLookup {
    private final CompletableFuture<OwnerIndex> scan;
    private OwnerIndex index;

    PendingOwners(CompletableFuture<OwnerIndex> scan) {
        this.scan = scan;
    }

    @Override
    public List<Owner> owners(long inode) {
        if (index == null) {
            index = await();
        }
        return index.owners(inode);
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
