package io.sockscope.api;

import java.util.List;
import java.util.Objects;

/** The library's {@link Owners}; package-private so that its shape can grow (docs/library.md, Compatibility). */
record OwnersRecord(OwnerStatus status, List<ProcessOwner> processes) implements Owners {
    OwnersRecord {
        Objects.requireNonNull(status, "status");
        processes = List.copyOf(processes);
        if ((status == OwnerStatus.KNOWN) == processes.isEmpty()) {
            throw new IllegalArgumentException("status " + status + " with " + processes.size() + " processes");
        }
    }

    @Override
    public boolean known() {
        return status == OwnerStatus.KNOWN;
    }
}
