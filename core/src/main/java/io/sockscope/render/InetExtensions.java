package io.sockscope.render;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetSocket;
import io.sockscope.model.ProcNetExtras;
import io.sockscope.model.SocketTable;
import io.sockscope.netlink.AttributeTable;
import io.sockscope.netlink.InetDiagAttribute;
import io.sockscope.netlink.InetDiagMemInfo;
import io.sockscope.netlink.InetDiagSockopt;
import io.sockscope.netlink.MptcpInfo;
import io.sockscope.netlink.SkMemInfo;
import io.sockscope.netlink.TcpInfo;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * Everything ss prints after the owners of a TCP, UDP, raw, MPTCP or SCTP socket, in ss's order:
 * timers ({@code -o}), details ({@code -e}), TOS ({@code --tos}), cgroup ({@code --cgroup}), then, each on an
 * indented continuation line unless {@code -O}, the socket options ({@code --inet-sockopt}), and memory
 * ({@code -m}) with the protocol's internals ({@code -i}).
 * A socket read from {@code /proc/net} gets what ss prints for such lines instead: for TCP the timer, details
 * with the line's trailing text and the few metrics the line has, inline; for UDP and raw nothing at all.
 * Serves one thread.
 */
final class InetExtensions {
    private static final int IPPROTO_TCP = 6;
    private static final int IPPROTO_UDP = 17;
    private static final int IPPROTO_DCCP = 33;
    private static final int IPPROTO_SCTP = 132;
    private static final int IPPROTO_RAW = 255;
    private static final int IPPROTO_MPTCP = 262;

    private final SsTable table;
    private final ExtendedOutput output;
    private final NameLookups names;
    private final AttributeTable attributes = new AttributeTable(InetDiagAttribute.INET_DIAG_MAX);
    private final TcpStats stats = new TcpStats();
    private final TcpStatsWriter statsWriter;
    private final TcpAuxText aux;

    InetExtensions(SsTable table, ListingFormat format, NameLookups names, NumberText numbers) {
        this.table = table;
        this.output = format.extended();
        this.names = names;
        this.statsWriter = new TcpStatsWriter(table, numbers, format.numeric());
        this.aux = new TcpAuxText(table);
    }

    void write(InetSocket s) throws IOException {
        ProcNetExtras proc = s.procExtras();
        if (proc != null) {
            if (s.table() == SocketTable.TCP) {
                procTcp(s, proc);
            }
            return;
        }
        int type = s.protocol() >= 0 ? s.protocol() : protocolOf(s.table());
        boolean parsed = false;
        if (s.attributes() != null && (output.tos() || output.memory() || output.tcpInfo())) {
            attributes.parse(MemorySegment.ofArray(s.attributes()));
            parsed = true;
        }
        if (output.timers()) {
            if (type == IPPROTO_SCTP) {
                TimerText.sctp(table, s.timer(), s.timerExpiresMs(), s.retransmits());
            } else {
                TimerText.tcp(table, s.timer(), s.timerExpiresMs(), s.retransmits());
            }
        }
        if (output.details()) {
            SocketDetails.inet(table, s, names);
            if (s.family() == AddressFamily.INET6 && s.v6only() >= 0) {
                table.text(" v6only:");
                table.decimal(s.v6only());
            }
            if (s.shutdown() >= 0) {
                SocketDetails.shutdown(table, s.shutdown());
            }
        }
        if (output.tos() && parsed) {
            hexByte(InetDiagAttribute.INET_DIAG_TOS, " tos:", true);
            hexByte(InetDiagAttribute.INET_DIAG_TCLASS, " tclass:", true);
            hexByte(InetDiagAttribute.INET_DIAG_CLASS_ID, " class_id:", false);
        }
        if (output.cgroup() && s.cgroupId() != 0) {
            table.text(" cgroup:");
            // One char per byte of the path (see CgroupPaths); a delegated subtree's owner names its directories.
            table.name(names.cgroups().apply(s.cgroupId()).getBytes(StandardCharsets.ISO_8859_1));
        }
        if (output.inetSockopt() && s.attributes() != null) {
            // Read from the attribute bytes, not the table: a listing asking only for this never needs the
            // foreign-memory API.
            InetDiagSockopt options = InetDiagSockopt.in(s.attributes());
            if (options != null) {
                SockoptText.write(table, options, output.oneLine());
            }
        }
        if (output.memory() || (output.tcpInfo() && type != IPPROTO_UDP)) {
            if (!output.oneLine()) {
                table.text("\n\t");
            }
            if (parsed) {
                switch (type) {
                    case IPPROTO_SCTP -> memory();
                    case IPPROTO_MPTCP -> mptcpInfo();
                    default -> tcpInfo(s.state());
                }
            }
        }
    }

    /** ss's {@code tcp_show_line} after the addresses. */
    private void procTcp(InetSocket s, ProcNetExtras proc) {
        if (output.timers()) {
            TimerText.tcp(table, s.timer(), s.timerExpiresMs(), s.retransmits());
        }
        if (output.details()) {
            SocketDetails.inet(table, s, names);
            if (proc.options() != null) {
                table.text(" opt:\"");
                table.bytes(proc.options());
                table.character('"');
            }
        }
        if (output.tcpInfo()) {
            stats.fromProc(s.state(), s.retransmits(), proc);
            statsWriter.write(stats);
        }
    }

    /** ss's {@code tcp_show_info}. */
    private void tcpInfo(int state) throws IOException {
        memory();
        if (attributes.has(InetDiagAttribute.INET_DIAG_INFO)) {
            TcpInfo info = TcpInfo.decode(attributes.payload(InetDiagAttribute.INET_DIAG_INFO));
            stats.fromTcpInfo(state, info, attributes, output.timers());
            statsWriter.write(stats);
        }
        aux.write(attributes);
    }

    /** ss's {@code mptcp_show_info}. */
    private void mptcpInfo() {
        memory();
        if (attributes.has(InetDiagAttribute.INET_DIAG_INFO)) {
            aux.mptcp(MptcpInfo.decode(attributes.payload(InetDiagAttribute.INET_DIAG_INFO)));
        }
    }

    private void memory() {
        if (attributes.has(InetDiagAttribute.INET_DIAG_SKMEMINFO)) {
            MemoryText.skmem(table, SkMemInfo.decode(attributes.payload(InetDiagAttribute.INET_DIAG_SKMEMINFO)));
        } else if (attributes.has(InetDiagAttribute.INET_DIAG_MEMINFO)) {
            MemoryText.mem(table, InetDiagMemInfo.decode(attributes.payload(InetDiagAttribute.INET_DIAG_MEMINFO)));
        }
    }

    /** {@code %#x}: C's alternate form, which has no 0x for zero. */
    private void hexByte(int type, String label, boolean oneByte) {
        if (!attributes.has(type)) {
            return;
        }
        long v = oneByte ? attributes.u8(type) : attributes.u32(type);
        table.text(label);
        if (v != 0) {
            table.text("0x");
        }
        table.hex(v);
    }

    private static int protocolOf(SocketTable t) {
        return switch (t) {
            case UDP -> IPPROTO_UDP;
            case RAW -> IPPROTO_RAW;
            case DCCP -> IPPROTO_DCCP;
            case SCTP -> IPPROTO_SCTP;
            case MPTCP -> IPPROTO_MPTCP;
            default -> IPPROTO_TCP;
        };
    }
}
