package io.sockscope.inspect;

import io.sockscope.model.Owner;

import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * Who holds a socket, or why that is not known. The owner scan reads every {@code /proc/PID/fd} it may; when it
 * finds nobody, the reason follows from what the socket and the reader are: no inode means the kernel alone
 * holds it; another user's socket, read without root, means the scan was not permitted to see its holder;
 * otherwise its holder is outside this {@code /proc} (another PID namespace, or a descriptor in flight).
 * The answers are model values; the library's {@code Owners} are made from them by its mapping.
 */
public final class OwnerResolver {
    private static final OwnerResolver NOT_REQUESTED = new OwnerResolver(null, -1);
    private static final Holders NOT_ASKED = new Holders(Status.NOT_REQUESTED, List.of());
    private static final Holders KERNEL = new Holders(Status.KERNEL, List.of());
    private static final Holders NOT_PERMITTED = new Holders(Status.NOT_PERMITTED, List.of());
    private static final Holders OTHER_NAMESPACE = new Holders(Status.OTHER_NAMESPACE, List.of());

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
    public Holders owners(long inode, long socketUid, boolean kernelOwned) {
        if (lookup == null) {
            return NOT_ASKED;
        }
        if (inode == 0 || kernelOwned) {
            return KERNEL;
        }
        List<Owner> found = lookup.apply(inode);
        if (!found.isEmpty()) {
            return new Holders(Status.KNOWN, found);
        }
        boolean otherUser = socketUid < 0 || socketUid != readerUid;
        if (readerUid != 0 && otherUser) {
            return NOT_PERMITTED;
        }
        return OTHER_NAMESPACE;
    }

    /** What is known of a socket's holders: the library's {@code OwnerStatus}, case for case. */
    public enum Status {
        /** Owners were not asked for. */
        NOT_REQUESTED,
        /** The processes holding it were found. */
        KNOWN,
        /** The kernel holds it: no inode, or a netlink socket with port id 0. */
        KERNEL,
        /** Another user's socket, read without root: its holder's descriptors could not be read. */
        NOT_PERMITTED,
        /** Every descriptor could be read and none holds it. */
        OTHER_NAMESPACE
    }

    /**
     * A socket's holders, or why there are none.
     *
     * @param status    what is known
     * @param processes the holders in ss's order when {@link Status#KNOWN}, else empty
     */
    public record Holders(Status status, List<Owner> processes) {
        public Holders {
            Objects.requireNonNull(status, "status");
            processes = List.copyOf(processes);
        }
    }
}
