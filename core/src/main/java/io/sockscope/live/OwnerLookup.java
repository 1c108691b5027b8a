package io.sockscope.live;

import io.sockscope.model.Owner;

import java.util.List;

/** The processes holding a socket inode, as the owner scan of the last dump found them (none for inode 0). */
@FunctionalInterface
public interface OwnerLookup {
    /** The holders of {@code inode}, the first one first; empty when none is known. */
    List<Owner> owners(long inode);
}
