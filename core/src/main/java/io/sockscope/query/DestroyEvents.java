package io.sockscope.query;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.netlink.InetDiagMsg;
import io.sockscope.netlink.MalformedMessageException;
import io.sockscope.netlink.SockDiag;
import io.sockscope.model.WarningSink;

import java.util.function.Predicate;

/**
 * What a query makes of sock_diag's destroy events ({@code ss -E}): the multicast groups ss joins for its tables
 * and families (IPv4 and IPv6, TCP and UDP), and, for each event, the socket it describes when the query's
 * families and filter keep it. The states are not applied: a destroyed socket is usually closed. An event
 * carries a destroyed socket's memory, tcp_info, congestion control and socket options, which are kept when
 * the query's attributes ask for any of them, as ss prints them for a listing.
 */
public final class DestroyEvents {
    private final long families;
    private final Predicate<SocketRecord> keep;
    private final boolean keepDetails;
    private final WarningSink warnings;

    DestroyEvents(Query query, WarningSink warnings) {
        this.families = query.families();
        this.keep = query.filter().keepFromKernel();
        Query.Attributes wanted = query.attributes();
        this.keepDetails = wanted.memory() || wanted.tcpInfo() || wanted.tos() || wanted.inetSockopt();
        this.warnings = warnings;
    }

    /** The groups ss joins for {@code query} (bit {@code n - 1} for group {@code n}); 0 when it selects none. */
    public static int groups(Query query) {
        boolean v4 = (query.families() & AddressFamily.mask(AddressFamily.INET)) != 0;
        boolean v6 = (query.families() & AddressFamily.mask(AddressFamily.INET6)) != 0;
        boolean tcp = SocketTable.TCP.in(query.tables());
        boolean udp = SocketTable.UDP.in(query.tables());
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

    /** The socket an event describes if the query's families and filter keep it, else null. */
    InetSocket kept(byte[] buffer, int offset, int length) {
        if (length < 1) {
            warnings.warn("skipped an empty destroy event");
            return null;
        }
        int family = Byte.toUnsignedInt(buffer[offset]);
        if (family != AddressFamily.INET && family != AddressFamily.INET6) {
            warnings.warn("skipped a destroy event of address family " + family);
            return null;
        }
        if ((families & AddressFamily.mask(family)) == 0) {
            return null;
        }
        InetSocket socket;
        try {
            // The listing's decoder, in the array the event was received into as a dump's replies are; the table
            // follows from the event.
            socket = InetDiagMsg.decodeDestroyEvent(buffer, offset, length, keepDetails, warnings::warn);
        } catch (MalformedMessageException e) {
            warnings.warn("skipped a malformed destroy event: " + e.getMessage());
            return null;
        }
        return keep.test(socket) ? socket : null;
    }
}
