package io.sockscope.inspect;

import io.sockscope.api.OwnerStatus;
import io.sockscope.api.Owners;
import io.sockscope.api.ProcessOwner;
import io.sockscope.model.Owner;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Who holds a socket, or why that is not known. The owner scan reads every {@code /proc/PID/fd} it may; when it
 * finds nobody, the reason follows from what the socket and the reader are: no inode means the kernel alone
 * holds it; another user's socket, read without root, means the scan was not permitted to see its holder;
 * otherwise its holder is outside this {@code /proc} (another PID namespace, or a descriptor in flight).
 */
public final class OwnerResolver {
    private static final ApiValues VALUES = ApiValues.get();
    private static final OwnerResolver NOT_REQUESTED = new OwnerResolver(null, -1);
    private static final Owners NOT_ASKED = VALUES.owners(OwnerStatus.NOT_REQUESTED, List.of());
    private static final Owners KERNEL = VALUES.owners(OwnerStatus.KERNEL, List.of());
    private static final Owners NOT_PERMITTED = VALUES.owners(OwnerStatus.NOT_PERMITTED, List.of());
    private static final Owners OTHER_NAMESPACE = VALUES.owners(OwnerStatus.OTHER_NAMESPACE, List.of());

    private final LongFunction<List<Owner>> lookup;
    private final long readerUid;

    private OwnerResolver(LongFunction<List<Owner>> lookup, long readerUid) {
        this.lookup = lookup;
        this.readerUid = readerUid;
    }

    /** Owners were not asked for. */
    public static OwnerResolver notRequested() {
        return NOT_REQUESTED;
    }

    /**
     * @param lookup    the owners of an inode from a scan, in ss's order; empty when none
     * @param readerUid the effective uid of the scan (0 for root, which may read every process)
     */
    public static OwnerResolver of(LongFunction<List<Owner>> lookup, long readerUid) {
        return new OwnerResolver(lookup, readerUid);
    }

    /**
     * @param inode      the socket's inode, 0 for none
     * @param socketUid  the socket's uid, or -1 when the kernel did not say
     * @param kernelOwned whether the socket is known to be the kernel's own (a netlink socket with port id 0)
     */
    public Owners owners(long inode, long socketUid, boolean kernelOwned) {
        if (lookup == null) {
            return NOT_ASKED;
        }
        if (inode == 0 || kernelOwned) {
            return KERNEL;
        }
        List<Owner> found = lookup.apply(inode);
        if (!found.isEmpty()) {
            List<ProcessOwner> processes = new ArrayList<>(found.size());
            for (Owner o : found) {
                processes.add(VALUES.processOwner(o.pid(), o.tid(), o.command().escapedText(), o.fd()));
            }
            return VALUES.owners(OwnerStatus.KNOWN, processes);
        }
        boolean otherUser = socketUid < 0 || socketUid != readerUid;
        if (readerUid != 0 && otherUser) {
            return NOT_PERMITTED;
        }
        return OTHER_NAMESPACE;
    }
}
