package io.sockscope.api;

import java.util.List;

/**
 * Who holds a socket, or why nobody is known to: a socket is never silently without owners. Made by the library
 * only; accessors may be added in a later version (docs/library.md, Compatibility).
 */
public sealed interface Owners permits OwnersRecord {
    /** {@return {@link OwnerStatus#KNOWN} when {@link #processes()} is not empty, otherwise why it is empty} */
    OwnerStatus status();

    /** {@return the holders in the order ss lists them in {@code users:(…)}; never null, unmodifiable} */
    List<ProcessOwner> processes();

    /** {@return whether at least one process is known to hold the socket} */
    boolean known();
}
