package io.sockscope.render;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetDetails;
import io.sockscope.model.InetSocket;
import io.sockscope.model.IpProtocol;
import io.sockscope.model.ProcNetExtras;
import io.sockscope.model.SocketTable;

import java.io.IOException;
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
    private final SsTable table;
    private final ExtendedOutput output;
    private final NameLookups names;
    private final TcpStats stats = new TcpStats();
    private final TcpStatsWriter statsWriter;
    private final TcpAuxText aux;
    private final SsDialect dialect;

    InetExtensions(SsTable table, ListingFormat format, NameLookups names, NumberText numbers) {
        this.table = table;
        this.dialect = format.dialect();
        this.output = format.extended();
        this.names = names;
        this.statsWriter = new TcpStatsWriter(table, numbers, format.numeric(), format.dialect());
        this.aux = new TcpAuxText(table, format.dialect());
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
        InetDetails details = s.details();
        if (output.timers()) {
            if (type == IpProtocol.IPPROTO_SCTP) {
                TimerText.sctp(table, s.timer(), s.retransmits(), dialect);
            } else {
                TimerText.tcp(table, s.timer(), s.retransmits(), dialect);
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
        if (output.tos() && details != null) {
            hexByte(details.tos(), " tos:");
            hexByte(details.trafficClass(), " tclass:");
            hexByte(details.classId(), " class_id:");
        }
        if (output.cgroup() && s.cgroupId() != 0) {
            table.text(" cgroup:");
            // One char per byte of the path (see CgroupPaths); a delegated subtree's owner names its directories.
            table.name(names.cgroups().apply(s.cgroupId()).getBytes(StandardCharsets.ISO_8859_1));
        }
        if (output.inetSockopt() && details != null && details.options() != null) {
            SockoptText.write(table, details.options(), output.oneLine());
        }
        if (output.memory() || (output.tcpInfo() && type != IpProtocol.IPPROTO_UDP)) {
            if (!output.oneLine()) {
                table.text("\n\t");
            }
            if (details != null) {
                switch (type) {
                    case IpProtocol.IPPROTO_SCTP -> memory(details);
                    case IpProtocol.IPPROTO_MPTCP -> mptcpInfo(details);
                    default -> tcpInfo(s.state(), details);
                }
            }
        }
    }

    /** ss's {@code tcp_show_line} after the addresses. */
    private void procTcp(InetSocket s, ProcNetExtras proc) {
        if (output.timers()) {
            TimerText.tcp(table, s.timer(), s.retransmits(), dialect);
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
    private void tcpInfo(int state, InetDetails details) throws IOException {
        memory(details);
        if (details.tcpInfo() != null) {
            stats.fromTcpInfo(state, details, output.timers());
            statsWriter.write(stats);
        }
        aux.write(details);
    }

    /** ss's {@code mptcp_show_info}. */
    private void mptcpInfo(InetDetails details) {
        memory(details);
        if (details.mptcpInfo() != null) {
            aux.mptcp(details.mptcpInfo());
        }
    }

    private void memory(InetDetails details) {
        if (details.memory() != null) {
            MemoryText.skmem(table, details.memory());
        } else if (details.inetMemory() != null) {
            MemoryText.mem(table, details.inetMemory());
        }
    }

    /** {@code %#x}: C's alternate form, which has no 0x for zero; nothing for a value the reply did not carry. */
    private void hexByte(long v, String label) {
        if (v == InetDetails.ABSENT) {
            return;
        }
        table.text(label);
        if (v != 0) {
            table.text("0x");
        }
        table.hex(v);
    }

    private static int protocolOf(SocketTable t) {
        return switch (t) {
            case UDP -> IpProtocol.IPPROTO_UDP;
            case RAW -> IpProtocol.IPPROTO_RAW;
            case DCCP -> IpProtocol.IPPROTO_DCCP;
            case SCTP -> IpProtocol.IPPROTO_SCTP;
            case MPTCP -> IpProtocol.IPPROTO_MPTCP;
            default -> IpProtocol.IPPROTO_TCP;
        };
    }
}
