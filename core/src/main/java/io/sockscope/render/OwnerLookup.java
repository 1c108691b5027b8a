package io.sockscope.render;

import io.sockscope.model.Owner;

import java.util.List;

/** Finds the processes holding a socket, in the order ss lists them. */
@FunctionalInterface
public interface OwnerLookup {
    /** The owners of the socket with this inode; empty when none is known. */
    List<Owner> owners(long inode);

    /**
     * Knows no owner. A class rather than a lambda: listings without {@code -p} use it, and a lambda the AOT
     * cache has not met costs a fresh JVM milliseconds to link (docs/startup.md).
     */
    OwnerLookup NONE = new NoOwners();

    /** The lookup behind {@link #NONE}. */
    final class NoOwners implements OwnerLookup {
        private NoOwners() {
        }

        @Override
        public List<Owner> owners(long inode) {
            return List.of();
        }
    }
}
