package io.sockscope.cli;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;

import java.util.List;
import java.util.Map;

/**
 * ss's rules for which tables, families and states a command line selects: each table and family option
 * adds its default states, {@code -A} starts from nothing, {@code -a}/{@code -l}/{@code state} words replace
 * the states, and at the end tables pull in their families and families their tables. Mutable while the
 * options are applied in order, then read.
 */
final class TableSelection {
    private static final int UNIX_TABLES = SocketTable.UNIX_DGRAM.bit() | SocketTable.UNIX_STREAM.bit()
            | SocketTable.UNIX_SEQPACKET.bit();
    private static final int PACKET_TABLES = SocketTable.PACKET_DGRAM.bit() | SocketTable.PACKET_RAW.bit();
    private static final int INET_TABLES = SocketTable.TCP.bit() | SocketTable.MPTCP.bit() | SocketTable.UDP.bit()
            | SocketTable.DCCP.bit() | SocketTable.SCTP.bit() | SocketTable.RAW.bit();
    private static final int VSOCK_TABLES = SocketTable.VSOCK_STREAM.bit() | SocketTable.VSOCK_DGRAM.bit();
    private static final long INET_FAMILIES = AddressFamily.mask(AddressFamily.INET)
            | AddressFamily.mask(AddressFamily.INET6);
    private static final int TIPC_STATES = TcpState.bit(TcpState.ESTABLISHED) | TcpState.bit(TcpState.LISTEN)
            | TcpState.bit(TcpState.CLOSE);
    private static final int CLOSED = TcpState.bit(TcpState.CLOSE);

    /** {@code -A} names, each with the tables it stands for. */
    private static final Map<String, List<SocketTable>> QUERY_NAMES = Map.ofEntries(
            Map.entry("all", List.of(SocketTable.UDP, SocketTable.DCCP, SocketTable.TCP, SocketTable.MPTCP,
                    SocketTable.RAW, SocketTable.UNIX_STREAM, SocketTable.UNIX_DGRAM, SocketTable.UNIX_SEQPACKET,
                    SocketTable.PACKET_RAW, SocketTable.PACKET_DGRAM, SocketTable.NETLINK, SocketTable.SCTP,
                    SocketTable.VSOCK_STREAM, SocketTable.VSOCK_DGRAM, SocketTable.XDP)),
            Map.entry("inet", List.of(SocketTable.UDP, SocketTable.DCCP, SocketTable.TCP, SocketTable.MPTCP,
                    SocketTable.SCTP, SocketTable.RAW)),
            Map.entry("udp", List.of(SocketTable.UDP)),
            Map.entry("dccp", List.of(SocketTable.DCCP)),
            Map.entry("tcp", List.of(SocketTable.TCP)),
            Map.entry("mptcp", List.of(SocketTable.MPTCP)),
            Map.entry("sctp", List.of(SocketTable.SCTP)),
            Map.entry("raw", List.of(SocketTable.RAW)),
            Map.entry("unix", List.of(SocketTable.UNIX_STREAM, SocketTable.UNIX_DGRAM, SocketTable.UNIX_SEQPACKET)),
            Map.entry("unix_stream", List.of(SocketTable.UNIX_STREAM)),
            Map.entry("u_str", List.of(SocketTable.UNIX_STREAM)),
            Map.entry("unix_dgram", List.of(SocketTable.UNIX_DGRAM)),
            Map.entry("u_dgr", List.of(SocketTable.UNIX_DGRAM)),
            Map.entry("unix_seqpacket", List.of(SocketTable.UNIX_SEQPACKET)),
            Map.entry("u_seq", List.of(SocketTable.UNIX_SEQPACKET)),
            Map.entry("packet", List.of(SocketTable.PACKET_RAW, SocketTable.PACKET_DGRAM)),
            Map.entry("packet_raw", List.of(SocketTable.PACKET_RAW)),
            Map.entry("p_raw", List.of(SocketTable.PACKET_RAW)),
            Map.entry("packet_dgram", List.of(SocketTable.PACKET_DGRAM)),
            Map.entry("p_dgr", List.of(SocketTable.PACKET_DGRAM)),
            Map.entry("netlink", List.of(SocketTable.NETLINK)),
            Map.entry("tipc", List.of(SocketTable.TIPC)),
            Map.entry("vsock", List.of(SocketTable.VSOCK_STREAM, SocketTable.VSOCK_DGRAM)),
            Map.entry("vsock_stream", List.of(SocketTable.VSOCK_STREAM)),
            Map.entry("v_str", List.of(SocketTable.VSOCK_STREAM)),
            Map.entry("vsock_dgram", List.of(SocketTable.VSOCK_DGRAM)),
            Map.entry("v_dgr", List.of(SocketTable.VSOCK_DGRAM)),
            Map.entry("xdp", List.of(SocketTable.XDP)));

    private static final Map<String, Integer> FAMILY_NAMES = Map.of(
            "inet", AddressFamily.INET, "inet6", AddressFamily.INET6, "link", AddressFamily.PACKET,
            "unix", AddressFamily.UNIX, "netlink", AddressFamily.NETLINK, "tipc", AddressFamily.TIPC,
            "vsock", AddressFamily.VSOCK, "xdp", AddressFamily.XDP);

    int tables;
    int states;
    long families;
    int preferredFamily = AddressFamily.UNSPEC;
    boolean byDefault = true;
    private boolean sawQuery;
    /** What a connection-oriented table lists by default: ss 7.x's set holds two states 6.1's does not. */
    private final int connectedDefault;

    /** A selection with ss 6.1's state sets. */
    TableSelection() {
        this(TcpState.CONNECTED_DEFAULT);
    }

    TableSelection(int connectedDefault) {
        this.connectedDefault = connectedDefault;
    }

    private static int defaultStates(SocketTable t, int connectedDefault) {
        return switch (t) {
            case UDP, RAW -> TcpState.bit(TcpState.ESTABLISHED);
            case UNIX_DGRAM, PACKET_DGRAM, PACKET_RAW, NETLINK, XDP -> CLOSED;
            case TIPC -> TIPC_STATES;
            default -> connectedDefault;
        };
    }

    static long defaultFamilies(SocketTable t) {
        return switch (t) {
            case UNIX_DGRAM, UNIX_STREAM, UNIX_SEQPACKET -> AddressFamily.mask(AddressFamily.UNIX);
            case PACKET_DGRAM, PACKET_RAW -> AddressFamily.mask(AddressFamily.PACKET);
            case NETLINK -> AddressFamily.mask(AddressFamily.NETLINK);
            case VSOCK_STREAM, VSOCK_DGRAM -> AddressFamily.mask(AddressFamily.VSOCK);
            case TIPC -> AddressFamily.mask(AddressFamily.TIPC);
            case XDP -> AddressFamily.mask(AddressFamily.XDP);
            default -> INET_FAMILIES;
        };
    }

    private static int familyTables(int family) {
        return switch (family) {
            case AddressFamily.INET, AddressFamily.INET6 -> INET_TABLES;
            case AddressFamily.UNIX -> UNIX_TABLES;
            case AddressFamily.PACKET -> PACKET_TABLES;
            case AddressFamily.NETLINK -> SocketTable.NETLINK.bit();
            case AddressFamily.VSOCK -> VSOCK_TABLES;
            case AddressFamily.TIPC -> SocketTable.TIPC.bit();
            case AddressFamily.XDP -> SocketTable.XDP.bit();
            default -> 0;
        };
    }

    private int familyStates(int family) {
        return switch (family) {
            case AddressFamily.PACKET, AddressFamily.NETLINK, AddressFamily.XDP -> CLOSED;
            case AddressFamily.TIPC -> TIPC_STATES;
            default -> connectedDefault;
        };
    }

    void setTable(SocketTable t, boolean enable) {
        if (enable) {
            states |= defaultStates(t, connectedDefault);
            tables |= t.bit();
        } else {
            tables &= ~t.bit();
        }
        byDefault = false;
    }

    void setFamily(int family) {
        states |= familyStates(family);
        families |= AddressFamily.mask(family);
        byDefault = false;
        preferredFamily = family;
    }

    /** {@code -f NAME}. */
    void setFamilyByName(String name) throws UsageException {
        Integer family = FAMILY_NAMES.get(name);
        if (family == null) {
            throw new UsageException("\"" + name + "\" is invalid family");
        }
        setFamily(family);
    }

    /**
     * {@code -A LIST}: the first one clears the table set and makes the connected states the default.
     *
     * @return the state filter to use from now on
     */
    int query(String list, int stateFilter) throws UsageException {
        int result = stateFilter;
        if (!sawQuery) {
            tables = 0;
            result = stateFilter != 0 ? stateFilter : connectedDefault;
            sawQuery = true;
            byDefault = false;
        }
        for (String item : list.split(",", -1)) {
            boolean enable = !item.startsWith("!");
            String name = enable ? item : item.substring(1);
            List<SocketTable> named = QUERY_NAMES.get(name);
            if (named == null) {
                throw new UsageException("\"" + name + "\" is illegal socket table id");
            }
            for (SocketTable t : named) {
                setTable(t, enable);
            }
        }
        return result;
    }

    /** Applies the final state filter and pulls in the families of the tables and the tables of the families. */
    void complete(int stateFilter) {
        if (byDefault) {
            stateFilter = stateFilter != 0 ? stateFilter : connectedDefault;
            for (SocketTable t : QUERY_NAMES.get("all")) {
                setTable(t, true);
            }
        }
        if (stateFilter != 0) {
            states = stateFilter;
        }
        for (SocketTable t : SocketTable.values()) {
            if (t.in(tables) && (defaultFamilies(t) & families) == 0) {
                families |= defaultFamilies(t);
            }
        }
        for (int af = 0; af < 64; af++) {
            if ((families & AddressFamily.mask(af)) != 0 && (familyTables(af) & tables) == 0) {
                tables |= familyTables(af);
            }
        }
    }

    boolean hasFamily(int family) {
        return (families & AddressFamily.mask(family)) != 0;
    }

    /**
     * A copy of the completed selection narrowed to one family, as ss narrows it when the filter expression names
     * one ({@code -t '( src 10.0.0.0/8 )'} lists IPv4 only); this selection is left as it is.
     */
    TableSelection narrowedTo(int family) {
        TableSelection narrowed = new TableSelection(connectedDefault);
        narrowed.tables = tables;
        narrowed.states = states;
        narrowed.families = AddressFamily.mask(family);
        narrowed.preferredFamily = family;
        narrowed.byDefault = byDefault;
        narrowed.sawQuery = sawQuery;
        return narrowed;
    }
}
