package io.sockscope.render;

import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.IpProtocol;
import io.sockscope.model.NetlinkSocket;
import io.sockscope.model.Owner;
import io.sockscope.model.PacketSocket;
import io.sockscope.model.ProcessName;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.UnixSocket;
import io.sockscope.names.AddressText;
import io.sockscope.names.LinkProtocolNames;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes sockets as rows of ss's table, byte for byte as iproute2 {@code ss} prints them. Rows are buffered
 * in batches (see {@link SsTable}); call {@link #finish()} to print the rest.
 */
public final class SsListingWriter {
    private static final int QUEUE_WIDTH = 6;
    private static final int SOCK_RAW = 3;

    private final SsTable table;
    private final ListingFormat format;
    private final NameLookups names;
    private final OwnerLookup owners;
    private final byte[] scratch = new byte[64];
    private boolean servicesOfAnyProtocol;
    private final InetExtensions inetExtensions;
    private final LocalSocketExtensions localExtensions;
    /** ss 7.x: what follows the owners goes to the column after theirs (netlink sockets excepted, as in ss). */
    private final boolean extendedAfterOwners;

    public SsListingWriter(OutputStream out, ListingFormat format, NameLookups names, OwnerLookup owners) {
        this.table = new SsTable(out, format.screenWidth(), format.escapeControls(),
                format.dialect().trimsLastColumnWhenCompact());
        this.format = format;
        this.names = names;
        this.owners = owners;
        this.inetExtensions = new InetExtensions(table, format, names, new NumberText());
        this.localExtensions = new LocalSocketExtensions(table, format.extended(), names);
        if (!format.showNetid()) {
            table.disable(Column.NETID);
        }
        if (!format.showState()) {
            table.disable(Column.STATE);
        }
        if (!format.queues()) {
            table.disable(Column.RECV_Q);
            table.disable(Column.SEND_Q);
        }
        extendedAfterOwners = format.dialect().ownersColumnOnlyWithProcesses();
        if (extendedAfterOwners && !format.processes()) {
            // ss 7.x hides the column unless -p asked for it: with -T alone, the owners it writes there are lost.
            table.disable(Column.PROCESS);
        }
    }

    /**
     * Names TCP/UDP ports after the first /etc/services entry of any protocol: ss's destroy-event rows
     * ({@code -E}) ask the resolver without a protocol.
     */
    public void nameServicesOfAnyProtocol() {
        servicesOfAnyProtocol = true;
    }

    /** Buffers the header line (call once, before any row, unless {@code -H}). */
    public void header() throws IOException {
        table.header();
    }

    /** Buffers one row. */
    public void write(SocketRecord socket) throws IOException {
        // instanceof tests rather than a switch on the type: that switch's bootstrap spins a class at run time,
        // a millisecond or two of every fresh JVM's listing.
        if (socket instanceof InetSocket s) {
            inet(s);
        } else if (socket instanceof UnixSocket s) {
            unix(s);
        } else if (socket instanceof PacketSocket s) {
            packet(s);
        } else if (socket instanceof NetlinkSocket s) {
            netlink(s);
        } else {
            throw new IllegalArgumentException("unknown kind of socket record: " + socket.getClass());
        }
    }

    /** Prints every buffered row. */
    public void finish() throws IOException {
        table.render();
    }

    private void start(String netid, int state, long recvQ, long sendQ) throws IOException {
        table.field(Column.NETID);
        table.text(netid);
        table.field(Column.STATE);
        table.text(TcpState.ofCode(state).ssName());
        table.field(Column.RECV_Q);
        table.decimalPadded((int) recvQ, QUEUE_WIDTH);
        table.field(Column.SEND_Q);
        table.decimalPadded((int) sendQ, QUEUE_WIDTH);
        table.field(Column.LOCAL_ADDRESS);
    }

    private void inet(InetSocket s) throws IOException {
        start(inetNetid(s), s.state(), s.recvQ(), s.sendQ());
        boolean v6only = s.v6only() == 1;
        String protocol = serviceProtocol(s.table());
        inetAddress(s.local(), s.ifindex(), v6only);
        inetPort(s.local().port(), protocol);
        inetAddress(s.peer(), 0, v6only);
        inetPort(s.peer().port(), protocol);
        users(s.inode());
        ownersDone();
        inetExtensions.write(s);
    }

    private static String inetNetid(InetSocket s) {
        if (s.protocol() >= 0) {
            return switch (s.protocol()) {
                case IpProtocol.IPPROTO_IP -> "raw";
                case IpProtocol.IPPROTO_UDP -> "udp";
                case IpProtocol.IPPROTO_TCP -> "tcp";
                case IpProtocol.IPPROTO_MPTCP -> "mptcp";
                case IpProtocol.IPPROTO_SCTP -> "sctp";
                case IpProtocol.IPPROTO_DCCP -> "dccp";
                case IpProtocol.IPPROTO_ICMPV6 -> "icmp6";
                default -> "???";
            };
        }
        return s.table().netid();
    }

    private static String serviceProtocol(SocketTable t) {
        return switch (t) {
            case UDP -> "udp";
            case RAW -> null;
            default -> "tcp";
        };
    }

    private void inetAddress(InetEndpoint e, int ifindex, boolean v6only) throws IOException {
        byte[] a = e.address();
        String host = null;
        if (a.length == 16 && !v6only && e.isWildcard()) {
            table.character('*');
        } else if (names.hosts() != null && (host = names.hosts().apply(a)) != null) {
            // A resolved name is printed as is; ss brackets it only when it looks like an IPv6 address.
            boolean bracket = host.indexOf(':') >= 0;
            if (bracket) {
                table.character('[');
            }
            table.text(host);
            if (bracket) {
                table.character(']');
            }
        } else if (a.length == 16) {
            table.character('[');
            table.bytes(scratch, 0, AddressText.format(a, scratch));
            table.character(']');
        } else {
            table.bytes(scratch, 0, AddressText.format(a, scratch));
        }
        if (ifindex != 0) {
            table.character('%');
            interfaceName(ifindex);
        }
        table.character(':');
        table.next();
    }

    private void inetPort(int port, String protocol) throws IOException {
        if (port == 0) {
            table.character('*');
        } else if (format.numeric()) {
            table.decimal(port);
        } else if (protocol == null) {
            String name = names.protocols().lookup(port);
            if (name != null) {
                table.text(name);
            } else {
                table.text("ipproto-");
                table.decimal(port);
            }
        } else {
            String name = servicesOfAnyProtocol ? names.services().lookupAnyProtocol(port)
                    : names.services().lookup(port, protocol);
            if (name != null) {
                table.text(name);
            } else {
                table.decimal(port);
            }
        }
        table.next();
    }

    private void unix(UnixSocket s) throws IOException {
        start(s.table().netid(), s.state(), s.recvQ(), s.sendQ());
        unixName(s.name());
        table.character(' ');
        table.next();
        unixInode(s.inode());
        table.next();
        unixName(s.peerName());
        table.character(' ');
        table.next();
        unixInode(s.peerInode());
        table.next();
        users(s.inode());
        ownersDone();
        localExtensions.unix(s);
    }

    /** 6.1 prints an inode as a signed 32-bit number (int_to_str), 7.x unsigned. */
    private void unixInode(long inode) {
        table.decimal(format.dialect().printsUnixInodesUnsigned() ? inode & 0xffffffffL : (int) inode);
    }

    private void unixName(byte[] name) {
        if (name == null || name.length == 0) {
            table.character('*');
            return;
        }
        if (name[0] == 0) {
            // Abstract names: ss shows every NUL byte as '@'.
            byte[] shown = name.clone();
            for (int i = 0; i < shown.length; i++) {
                if (shown[i] == 0) {
                    shown[i] = '@';
                }
            }
            table.name(shown);
            return;
        }
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        table.name(name, 0, end);
    }

    /**
     * An interface's name in the kernel's bytes: whoever may create an interface (root of a container's
     * namespace too) chooses them, and any but NUL, '/', ':' and blanks are allowed.
     */
    private void interfaceName(int ifindex) {
        table.name(names.interfaces().apply(ifindex).getBytes(StandardCharsets.UTF_8));
    }

    private void packet(PacketSocket s) throws IOException {
        start(s.table() == SocketTable.PACKET_RAW ? "p_raw" : "p_dgr", s.state(), s.recvQ(), 0);
        if (s.protocol() == LinkProtocolNames.ETH_P_ALL) {
            table.character('*');
        } else {
            String name = format.numeric() ? null : LinkProtocolNames.lookup(s.protocol());
            if (name != null) {
                table.text(name);
            } else {
                table.character('[');
                table.decimal(s.protocol());
                table.character(']');
            }
        }
        table.character(':');
        table.next();
        if (s.ifindex() == 0) {
            table.character('*');
        } else {
            interfaceName(s.ifindex());
        }
        table.next();
        table.character('*');
        table.next();
        table.next();
        users(s.inode());
        ownersDone();
        localExtensions.packet(s);
    }

    private void netlink(NetlinkSocket s) throws IOException {
        start("nl", s.state(), s.recvQ(), s.sendQ());
        String protocolName = format.numeric() ? null : names.netlinkProtocols().lookup(s.protocol());
        if (protocolName != null) {
            table.text(protocolName);
        } else {
            table.decimal(s.protocol());
        }
        table.character(':');
        table.next();
        netlinkPort(s.portid());
        table.next();
        if (s.connected()) {
            table.decimal(s.dstGroup());
            table.character(':');
            table.next();
            table.decimal(s.dstPortid());
            table.next();
        } else {
            table.character('*');
            table.next();
            table.next();
        }
        localExtensions.netlink(s);
    }

    private void netlinkPort(int portid) {
        if (portid == -1) {
            table.character('*');
        } else if (format.numeric()) {
            table.decimal(portid);
        } else if (portid == 0) {
            table.text("kernel");
        } else {
            ProcessName command = portid > 0 ? names.processes().lookup(portid) : null;
            if (command != null) {
                table.name(command.bytes());
                table.character('/');
            }
            table.decimal(portid);
        }
    }

    /**
     * A command name as ss 7.x prints it: escaped as procps escapes in the C locale (ss sets no locale), NUL as
     * {@code @}, other control bytes and DEL as {@code .}, every byte from 0x80 as {@code ?}.
     */
    private static byte[] procpsEscaped(byte[] name) {
        byte[] shown = name;
        for (int i = 0; i < name.length; i++) {
            int b = name[i] & 0xff;
            byte replacement = b == 0 ? (byte) '@' : b < 0x20 || b == 0x7f ? (byte) '.' : b >= 0x80 ? (byte) '?' : 0;
            if (replacement != 0) {
                if (shown == name) {
                    shown = name.clone();
                }
                shown[i] = replacement;
            }
        }
        return shown;
    }

    /** Where ss 7.x closes the owners' field: the rest of the row goes to the column after it. */
    private void ownersDone() throws IOException {
        if (extendedAfterOwners) {
            table.next();
        }
    }

    private void users(long inode) {
        if (!(format.processes() || format.threads()) || inode == 0) {
            return;
        }
        List<Owner> list = owners.owners(inode);
        if (list.isEmpty()) {
            return;
        }
        table.text(" users:(");
        for (int i = 0; i < list.size(); i++) {
            Owner o = list.get(i);
            if (i > 0) {
                table.character(',');
            }
            table.text("(\"");
            // The kernel's bytes, unchanged in 6.1 (ss sizes the column by them, and a name need not be UTF-8);
            // escaped byte for byte in 7.x.
            byte[] command = o.command().bytes();
            table.name(format.dialect().escapesCommandNames() ? procpsEscaped(command) : command);
            table.text("\",pid=");
            table.decimal(o.pid());
            if (format.threads()) {
                table.text(",tid=");
                table.decimal(o.tid());
            }
            table.text(",fd=");
            table.decimal(o.fd());
            table.character(')');
        }
        table.character(')');
    }
}
