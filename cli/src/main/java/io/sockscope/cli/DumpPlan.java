package io.sockscope.cli;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.source.DumpKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Which dumps a listing performs, in ss's order (netlink, packet, unix, raw, udp, tcp, dccp, sctp, mptcp),
 * each only when its table, family and state conditions hold as in ss.
 */
final class DumpPlan {
    private DumpPlan() {
    }

    static List<DumpKind> of(TableSelection sel) {
        List<DumpKind> kinds = new ArrayList<>();
        boolean inet = sel.hasFamily(AddressFamily.INET) || sel.hasFamily(AddressFamily.INET6);
        boolean closedWanted = (sel.states & TcpState.bit(TcpState.CLOSE)) != 0;
        if (SocketTable.NETLINK.in(sel.tables) && sel.hasFamily(AddressFamily.NETLINK) && closedWanted) {
            kinds.add(DumpKind.NETLINK);
        }
        int packetTables = SocketTable.PACKET_RAW.bit() | SocketTable.PACKET_DGRAM.bit();
        if ((sel.tables & packetTables) != 0 && sel.hasFamily(AddressFamily.PACKET) && closedWanted) {
            kinds.add(DumpKind.PACKET);
        }
        int unixTables = SocketTable.UNIX_STREAM.bit() | SocketTable.UNIX_DGRAM.bit()
                | SocketTable.UNIX_SEQPACKET.bit();
        if ((sel.tables & unixTables) != 0 && sel.hasFamily(AddressFamily.UNIX)) {
            kinds.add(DumpKind.UNIX);
        }
        if (inet) {
            addIf(kinds, sel, SocketTable.RAW, DumpKind.RAW);
            addIf(kinds, sel, SocketTable.UDP, DumpKind.UDP);
            addIf(kinds, sel, SocketTable.TCP, DumpKind.TCP);
            addIf(kinds, sel, SocketTable.DCCP, DumpKind.DCCP);
            addIf(kinds, sel, SocketTable.SCTP, DumpKind.SCTP);
            addIf(kinds, sel, SocketTable.MPTCP, DumpKind.MPTCP);
        }
        return kinds;
    }

    private static void addIf(List<DumpKind> kinds, TableSelection sel, SocketTable t, DumpKind k) {
        if (t.in(sel.tables)) {
            kinds.add(k);
        }
    }
}
