package io.sockscope.api.internal;

import io.sockscope.api.OwnerStatus;
import io.sockscope.api.Owners;
import io.sockscope.api.ProcessOwner;
import io.sockscope.inspect.OwnerResolver;
import io.sockscope.model.Owner;

import java.util.ArrayList;
import java.util.List;

/**
 * The library's {@link Owners} for what the owner join found ({@link OwnerResolver.Holders}): each holder as a
 * {@link ProcessOwner}, its name's bytes kept, and the empty answers made once.
 */
final class OwnersMapping {
    private static final ApiValues VALUES = ApiValues.get();
    private static final Owners NOT_REQUESTED = VALUES.owners(OwnerStatus.NOT_REQUESTED, List.of());
    private static final Owners KERNEL = VALUES.owners(OwnerStatus.KERNEL, List.of());
    private static final Owners NOT_PERMITTED = VALUES.owners(OwnerStatus.NOT_PERMITTED, List.of());
    private static final Owners OTHER_NAMESPACE = VALUES.owners(OwnerStatus.OTHER_NAMESPACE, List.of());

    private OwnersMapping() {
    }

    static Owners of(OwnerResolver.Holders holders) {
        return switch (holders.status()) {
            case NOT_REQUESTED -> NOT_REQUESTED;
            case KERNEL -> KERNEL;
            case NOT_PERMITTED -> NOT_PERMITTED;
            case OTHER_NAMESPACE -> OTHER_NAMESPACE;
            case KNOWN -> known(holders.processes());
        };
    }

    private static Owners known(List<Owner> found) {
        List<ProcessOwner> processes = new ArrayList<>(found.size());
        for (Owner o : found) {
            processes.add(VALUES.processOwner(o.pid(), o.tid(), o.command().escapedText(), o.fd()));
        }
        return VALUES.owners(OwnerStatus.KNOWN, processes);
    }
}
