package io.sockscope.cli;

import io.sockscope.kernel.Errno;
import io.sockscope.kernel.NetlinkException;
import io.sockscope.kernel.NetlinkSubscription;
import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.WarningSink;
import io.sockscope.netlink.InetDiagMsg;
import io.sockscope.netlink.MalformedMessageException;
import io.sockscope.netlink.SockDiag;
import io.sockscope.render.SsListingWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * {@code -E}: prints a row for every TCP and UDP socket the kernel destroys, as it happens, until SIGINT or
 * SIGTERM ({@link StopOnSignal}). Like ss, it joins the sock_diag destroy groups of the selected tables and
 * families (IPv4 and IPv6, TCP and UDP), applies the family selection and the filter expression (not the
 * states: a destroyed socket is usually closed), and prints each row in ss's layout the moment it comes:
 * one render per event, the header with the first one, column widths growing as they do over ss's batches.
 * Every row is flushed at once, so a reader of a pipe sees it immediately.
 */
final class EventFollower {
    private static final Duration WAKE_INTERVAL = Duration.ofMillis(100);

    private final TableSelection sel;
    private final Predicate<SocketRecord> keep;
    private final SsListingWriter writer;
    private final OutputStream stdout;
    private final WarningSink warnings;
    private final boolean keepDetails;

    /**
     * @param keepDetails    whether the rows show what the event's attributes say ({@code -m}, {@code -i},
     *                       {@code --tos}, {@code --inet-sockopt}): the kernel sends a destroyed socket's
     *                       memory, tcp_info, congestion control and socket options with every event, and ss
     *                       prints them as for a listing
     */
    EventFollower(TableSelection sel, ListingFilter filter, SsListingWriter writer, OutputStream stdout,
                  WarningSink warnings, boolean keepDetails) {
        this.sel = sel;
        this.keepDetails = keepDetails;
        this.keep = filter.keepFromKernel();
        this.writer = writer;
        writer.nameServicesOfAnyProtocol();
        this.stdout = stdout;
        this.warnings = warnings;
    }

    /** The multicast groups ss joins for a selection (bit {@code n - 1} for group {@code n}); 0 when none. */
    static int groups(TableSelection sel) {
        boolean v4 = sel.hasFamily(AddressFamily.INET);
        boolean v6 = sel.hasFamily(AddressFamily.INET6);
        boolean tcp = SocketTable.TCP.in(sel.tables);
        boolean udp = SocketTable.UDP.in(sel.tables);
        int groups = 0;
        if (v4 && tcp) {
            groups |= 1 << (SockDiag.SKNLGRP_INET_TCP_DESTROY - 1);
        }
        if (v4 && udp) {
            groups |= 1 << (SockDiag.SKNLGRP_INET_UDP_DESTROY - 1);
        }
        if (v6 && tcp) {
            groups |= 1 << (SockDiag.SKNLGRP_INET6_TCP_DESTROY - 1);
        }
        if (v6 && udp) {
            groups |= 1 << (SockDiag.SKNLGRP_INET6_UDP_DESTROY - 1);
        }
        return groups;
    }

    /** Follows events until a signal stops it; returns the exit status. */
    int follow() throws IOException, UsageException {
        int groups = groups(sel);
        if (groups == 0) {
            // ss exits with -1 here, silently.
            throw new UsageException("-E follows destroyed TCP and UDP sockets: the selection has neither", 255);
        }
        StopOnSignal stop = StopOnSignal.install();
        try (stop;
             NetlinkSubscription events = NetlinkSubscription.open(SockDiag.NETLINK_SOCK_DIAG, groups, WAKE_INTERVAL)) {
            while (!stop.requested()) {
                events.receive((type, flags, buffer, offset, length) -> show(buffer, offset, length), warnings::warn);
            }
            stdout.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (NetlinkException e) {
            String hint = e.errno() == Errno.EPERM ? " (following destroy events needs CAP_NET_ADMIN)" : "";
            throw new UsageException("cannot follow destroy events: " + e.getMessage() + hint, 1);
        }
        return stop.exitStatus();
    }

    /**
     * Prints the event's row if it is kept, then renders whatever is buffered, as ss renders after every
     * message whether or not it printed a row: the header thus comes out with the first event received, its
     * widths measured over that event's row only if that row was kept.
     */
    private void show(byte[] buffer, int offset, int length) {
        InetSocket socket = kept(buffer, offset, length);
        try {
            if (socket != null) {
                writer.write(socket);
            }
            writer.finish();
            stdout.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The socket the event at {@code offset} describes if the selection and the filter keep it, else null. */
    private InetSocket kept(byte[] buffer, int offset, int length) {
        if (length < 1) {
            warnings.warn("skipped an empty destroy event");
            return null;
        }
        int family = Byte.toUnsignedInt(buffer[offset]);
        if (family != AddressFamily.INET && family != AddressFamily.INET6) {
            warnings.warn("skipped a destroy event of address family " + family);
            return null;
        }
        if (!sel.hasFamily(family)) {
            return null;
        }
        InetSocket socket;
        try {
            // The listing's decoder, where the event was received as a dump's replies are; the table follows from it.
            socket = InetDiagMsg.decodeDestroyEvent(buffer, offset, length, keepDetails, warnings::warn);
        } catch (MalformedMessageException e) {
            warnings.warn("skipped a malformed destroy event: " + e.getMessage());
            return null;
        }
        return keep.test(socket) ? socket : null;
    }
}
