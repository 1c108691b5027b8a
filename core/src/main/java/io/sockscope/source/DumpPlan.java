package io.sockscope.source;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;

import java.util.ArrayList;
import java.util.List;

/**
 * Which dumps a listing performs, in ss's order (netlink, packet, unix, raw, udp, tcp, dccp, sctp, mptcp),
 * each only when its table, family and state conditions hold as in ss.
 */
public final class DumpPlan {
    private DumpPlan() {
    }

    /**
     * @param tables   mask of {@link SocketTable} bits
     * @param families mask of address families ({@link AddressFamily#mask})
     * @param states   mask of {@link TcpState} bits
     */
    public static List<DumpKind> of(int tables, long families, int states) {
        List<DumpKind> kinds = new ArrayList<>();
        boolean inet = hasFamily(families, AddressFamily.INET) || hasFamily(families, AddressFamily.INET6);
        boolean closedWanted = (states & TcpState.bit(TcpState.CLOSE)) != 0;
        if (SocketTable.NETLINK.in(tables) && hasFamily(families, AddressFamily.NETLINK) && closedWanted) {
            kinds.add(DumpKind.NETLINK);
        }
        int packetTables = SocketTable.PACKET_RAW.bit() | SocketTable.PACKET_DGRAM.bit();
        if ((tables & packetTables) != 0 && hasFamily(families, AddressFamily.PACKET) && closedWanted) {
            kinds.add(DumpKind.PACKET);
        }
        int unixTables = SocketTable.UNIX_STREAM.bit() | SocketTable.UNIX_DGRAM.bit()
                | SocketTable.UNIX_SEQPACKET.bit();
        if ((tables & unixTables) != 0 && hasFamily(families, AddressFamily.UNIX)) {
            kinds.add(DumpKind.UNIX);
        }
        if (inet) {
            addIf(kinds, tables, SocketTable.RAW, DumpKind.RAW);
            addIf(kinds, tables, SocketTable.UDP, DumpKind.UDP);
            addIf(kinds, tables, SocketTable.TCP, DumpKind.TCP);
            addIf(kinds, tables, SocketTable.DCCP, DumpKind.DCCP);
            addIf(kinds, tables, SocketTable.SCTP, DumpKind.SCTP);
            addIf(kinds, tables, SocketTable.MPTCP, DumpKind.MPTCP);
        }
        return kinds;
    }

    private static boolean hasFamily(long families, int family) {
        return (families & AddressFamily.mask(family)) != 0;
    }

    private static void addIf(List<DumpKind> kinds, int tables, SocketTable t, DumpKind k) {
        if (t.in(tables)) {
            kinds.add(k);
        }
    }
}
