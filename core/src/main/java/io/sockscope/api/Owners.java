package io.sockscope.api;

import java.util.List;
import java.util.Objects;

/**
 * Who holds a socket.
 *
 * @param status    {@link OwnerStatus#KNOWN} when {@code processes} is not empty, otherwise why it is empty
 * @param processes the holders in the order ss lists them in {@code users:(…)}; never null
 */
public record Owners(OwnerStatus status, List<ProcessOwner> processes) {
    public Owners {
        Objects.requireNonNull(status, "status");
        processes = List.copyOf(processes);
        if ((status == OwnerStatus.KNOWN) == processes.isEmpty()) {
            throw new IllegalArgumentException("status " + status + " with " + processes.size() + " processes");
        }
    }

    /** Owners that were not asked for. */
    public static Owners notRequested() {
        return new Owners(OwnerStatus.NOT_REQUESTED, List.of());
    }

    /** Whether at least one process is known to hold the socket. */
    public boolean known() {
        return status == OwnerStatus.KNOWN;
    }
}
