package io.sockscope.render;

import io.sockscope.model.Owner;

import java.util.List;

/** Finds the processes holding a socket, in the order ss lists them. */
@FunctionalInterface
public interface OwnerLookup {
    /** The owners of the socket with this inode; empty when none is known. */
    List<Owner> owners(long inode);

    OwnerLookup NONE = inode -> List.of();
}
