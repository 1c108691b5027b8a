package io.sockscope.api.internal;

import io.sockscope.api.Endpoint;
import io.sockscope.api.Family;
import io.sockscope.api.InetSocketOption;
import io.sockscope.api.InetSocketEntry;
import io.sockscope.api.NetlinkSocketEntry;
import io.sockscope.api.Owners;
import io.sockscope.api.PacketSocketEntry;
import io.sockscope.api.Protocol;
import io.sockscope.api.Shutdown;
import io.sockscope.api.SocketEntry;
import io.sockscope.api.SocketMemory;
import io.sockscope.api.SocketState;
import io.sockscope.api.Timer;
import io.sockscope.api.UnixSocketEntry;
import io.sockscope.inspect.EntryNames;
import io.sockscope.inspect.OwnerResolver;
import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetDetails;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.InetSocketOptions;
import io.sockscope.model.NetlinkSocket;
import io.sockscope.model.Netns;
import io.sockscope.model.PacketSocket;
import io.sockscope.model.ProcessName;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.UnixSocket;
import io.sockscope.model.Workload;
import io.sockscope.names.AddressText;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns the records the sources deliver into the library's {@link SocketEntry} records: addresses as text,
 * states and tables as enums, the attributes the query asked for decoded, owners looked up. The CLI's JSON
 * output and {@link io.sockscope.api.SocketInspector} both go through here, so they carry the same data. It reads
 * the model only: the codec decoded everything once.
 *
 * <p>A mapper made by the constructor maps the sockets of one namespace, the caller's: its entries' namespace,
 * container, pod and unit are null; it is immutable. A listing across namespaces makes one more mapper per
 * namespace with {@link #inNamespace}, whose entries carry that namespace and each socket's workload; it caches
 * and is used by one thread at a time.
 */
public final class EntryMapper {
    private static final ApiValues VALUES = ApiValues.get();

    private final Details details;
    private final EntryNames names;
    private final OwnerResolver owners;
    /** Null for a listing of the caller's namespace, whose entries carry neither namespace nor workload. */
    private final NamespaceContext context;

    /**
     * @param details what to decode beyond the common fields
     * @param names   interface, cgroup and netlink protocol names
     * @param owners  who holds a socket, and why nobody is known to
     */
    public EntryMapper(Details details, EntryNames names, OwnerResolver owners) {
        this(details, names, owners, null);
    }

    private EntryMapper(Details details, EntryNames names, OwnerResolver owners, NamespaceContext context) {
        this.details = Objects.requireNonNull(details, "details");
        this.names = Objects.requireNonNull(names, "names");
        this.owners = Objects.requireNonNull(owners, "owners");
        this.context = context;
    }

    /**
     * A mapper for the sockets of one namespace of a listing across namespaces: the same details and owners as
     * this one, that namespace's names, and entries that carry the namespace and the workload {@code workloads}
     * finds for each socket. The namespace's value is made here, once; each distinct workload becomes the
     * library's values once, on first sight.
     *
     * <p>The mapper it returns caches and is not thread-safe: give it one namespace's sockets, one after the
     * other, on one thread at a time (a run across namespaces hands each namespace's sockets on from one thread).
     *
     * @param netns     the namespace the sockets were read in
     * @param names     its names: interface indexes are the namespace's own, so they are looked up in it
     * @param workloads what runs each socket's owner; asked once per socket, and may answer null or
     *                  {@link Workload#NONE} when nothing is known
     */
    public EntryMapper inNamespace(Netns netns, EntryNames names, Function<? super SocketRecord, Workload> workloads) {
        return new EntryMapper(details, names, owners, new NamespaceContext(netns, workloads, VALUES));
    }

    /**
     * What to decode.
     *
     * @param timers      the pending timer ({@code -o})
     * @param memory      socket memory ({@code -m})
     * @param tcpInfo     tcp_info and the congestion control name ({@code -i})
     * @param cgroup      the cgroup path ({@code --cgroup}, {@code -e})
     * @param tos         the TOS byte and IPv6 traffic class ({@code --tos})
     * @param inetSockopt the inet socket options ({@code --inet-sockopt})
     */
    public record Details(boolean timers, boolean memory, boolean tcpInfo, boolean cgroup, boolean tos,
                          boolean inetSockopt) {
    }

    /** The library's entry for one socket. */
    public SocketEntry map(SocketRecord socket) {
        NamespaceWorkload where = context == null ? NamespaceWorkload.NONE : context.of(socket);
        // instanceof, not a type switch: the command's --json maps every socket here, and the switch's
        // bootstrap would spin a class in every fresh JVM (docs/startup.md).
        if (socket instanceof InetSocket s) {
            return inet(s, where);
        }
        if (socket instanceof UnixSocket s) {
            return unix(s, where);
        }
        if (socket instanceof PacketSocket s) {
            return packet(s, where);
        }
        if (socket instanceof NetlinkSocket s) {
            return netlink(s, where);
        }
        throw new IllegalArgumentException("a socket of no known kind: " + socket.getClass().getName());
    }

    private InetSocketEntry inet(InetSocket s, NamespaceWorkload where) {
        boolean v6 = s.family() == AddressFamily.INET6;
        String device = s.ifindex() != 0 ? names.interfaceName(s.ifindex()) : null;
        Boolean v6only = v6 && s.v6only() >= 0 ? s.v6only() != 0 : null;
        boolean fromProc = s.procExtras() != null;
        String cookie = fromProc ? null : Long.toHexString(s.cookie());
        Timer timer = details.timers() && !(s.timer() instanceof io.sockscope.model.Timer.Off) ? timer(s) : null;
        Shutdown shutdown = s.shutdown() >= 0 ? Shutdown.ofMask(s.shutdown()) : null;
        String cgroupPath = details.cgroup() && s.cgroupId() != 0 ? names.cgroupPath(s.cgroupId()) : null;
        String congestion = null;
        io.sockscope.api.TcpInfo tcpInfo = null;
        SocketMemory memory = null;
        Integer tos = null;
        Integer trafficClass = null;
        InetDetails d = s.details();
        if (d != null) {
            if (this.details.tos()) {
                tos = d.tos() != InetDetails.ABSENT ? d.tos() : null;
                trafficClass = d.trafficClass() != InetDetails.ABSENT ? d.trafficClass() : null;
            }
            if (this.details.tcpInfo() && s.table() != SocketTable.UDP && s.table() != SocketTable.RAW) {
                if (d.tcpInfo() != null && isTcpLike(s.table())) {
                    tcpInfo = VALUES.tcpInfo(d.tcpInfo());
                }
                congestion = d.congestion();
            }
            if (this.details.memory() && d.memory() != null) {
                memory = memory(d.memory());
            }
        }
        return VALUES.inet(protocol(s.table()), v6 ? Family.INET6 : Family.INET, SocketState.ofCode(s.state()),
                s.recvQ(), s.sendQ(), endpoint(s.local(), device), endpoint(s.peer(), null), v6only, s.inode(),
                Integer.toUnsignedLong(s.uid()), cookie, timer, shutdown, Integer.toUnsignedLong(s.mark()),
                s.cgroupId(), cgroupPath, tos, trafficClass, congestion, tcpInfo, memory,
                owners(s.inode(), Integer.toUnsignedLong(s.uid()), false), options(s), where.namespace(),
                where.container(), where.pod(), where.unit());
    }

    /** The socket options that are set; null unless asked for, or when the kernel did not send them. */
    private Set<InetSocketOption> options(InetSocket s) {
        if (!details.inetSockopt() || s.details() == null || s.details().options() == null) {
            return null;
        }
        InetSocketOptions o = s.details().options();
        EnumSet<InetSocketOption> set = EnumSet.noneOf(InetSocketOption.class);
        add(set, o.recverr(), InetSocketOption.RECVERR);
        add(set, o.isIcsk(), InetSocketOption.IS_ICSK);
        add(set, o.freebind(), InetSocketOption.FREEBIND);
        add(set, o.hdrincl(), InetSocketOption.HDRINCL);
        add(set, o.mcLoop(), InetSocketOption.MC_LOOP);
        add(set, o.transparent(), InetSocketOption.TRANSPARENT);
        add(set, o.mcAll(), InetSocketOption.MC_ALL);
        add(set, o.nodefrag(), InetSocketOption.NODEFRAG);
        add(set, o.bindAddressNoPort(), InetSocketOption.BIND_ADDRESS_NO_PORT);
        add(set, o.recverrRfc4884(), InetSocketOption.RECVERR_RFC4884);
        add(set, o.deferConnect(), InetSocketOption.DEFER_CONNECT);
        return Collections.unmodifiableSet(set);
    }

    private static void add(Set<InetSocketOption> set, boolean present, InetSocketOption option) {
        if (present) {
            set.add(option);
        }
    }

    private static boolean isTcpLike(SocketTable table) {
        return table == SocketTable.TCP || table == SocketTable.MPTCP || table == SocketTable.DCCP;
    }

    private static Timer timer(InetSocket s) {
        return VALUES.timer(s.timer().ssName(), s.timer().expiresMs(), s.retransmits());
    }

    private static Endpoint endpoint(InetEndpoint e, String device) {
        byte[] a = e.address();
        return VALUES.endpoint(AddressText.text(a), e.port(), device, e.isV4Mapped(), e.isWildcard());
    }

    private UnixSocketEntry unix(UnixSocket s, NamespaceWorkload where) {
        byte[] name = s.name();
        boolean abstractName = name != null && name.length > 0 && name[0] == 0;
        String path = unixName(name);
        String peerPath = unixName(s.peerName());
        List<Long> pending = new ArrayList<>();
        if (s.pendingPeers() != null) {
            for (int inode : s.pendingPeers()) {
                pending.add(Integer.toUnsignedLong(inode));
            }
        }
        SocketMemory memory = null;
        if (details.memory() && s.memory() != null) {
            memory = memory(s.memory());
        }
        long uid = s.uid() >= 0 ? s.uid() : -1;
        return VALUES.unix(protocol(s.table()), SocketState.ofCode(s.state()), s.recvQ(), s.sendQ(), path,
                abstractName, s.inode(), s.peerInode(), peerPath, uid,
                s.shutdown() >= 0 ? Shutdown.ofMask(s.shutdown()) : null, pending, memory,
                owners(s.inode(), uid, false), where.namespace(), where.container(), where.pod(),
                where.unit());
    }

    private PacketSocketEntry packet(PacketSocket s, NamespaceWorkload where) {
        String device = s.ifindex() != 0 ? names.interfaceName(s.ifindex()) : null;
        String cookie = s.cookie() != 0 ? Long.toHexString(s.cookie()) : null;
        long uid = Integer.toUnsignedLong(s.uid());
        return VALUES.packet(protocol(s.table()), SocketState.ofCode(s.state()), s.recvQ(), s.sendQ(),
                s.protocol(), device, s.inode(), uid, cookie, owners(s.inode(), uid, false), where.namespace(),
                where.container(), where.pod(), where.unit());
    }

    private NetlinkSocketEntry netlink(NetlinkSocket s, NamespaceWorkload where) {
        return VALUES.netlink(Protocol.NETLINK, SocketState.ofCode(s.state()), s.recvQ(), s.sendQ(),
                s.protocol(), names.netlinkProtocol(s.protocol()), Integer.toUnsignedLong(s.portid()), s.groups(),
                s.connected(),
                Integer.toUnsignedLong(s.dstPortid()), Integer.toUnsignedLong(s.dstGroup()), s.inode(),
                owners(s.inode(), -1, s.portid() == 0), where.namespace(), where.container(), where.pod(),
                where.unit());
    }

    private Owners owners(long inode, long uid, boolean kernelOwned) {
        return OwnersMapping.of(owners.owners(inode, uid, kernelOwned));
    }

    static SocketMemory memory(io.sockscope.model.SocketMemory m) {
        return VALUES.memory(m.rmemAlloc(), m.rcvbuf(), m.wmemAlloc(), m.sndbuf(), m.fwdAlloc(), m.wmemQueued(),
                m.optmem(), m.backlog(), m.drops());
    }

    /**
     * A unix name as text: a file system path ends at its first NUL (the kernel may count the terminator in
     * the name's length); an abstract name is every byte after its leading NUL, NULs included.
     */
    private static String unixName(byte[] name) {
        if (name == null) {
            return null;
        }
        // Decoded as process names are, so that bytes that are not UTF-8 are kept (UnixSocketEntry.pathBytes).
        if (name.length > 0 && name[0] == 0) {
            return ProcessName.of(name, 1, name.length).escapedText();
        }
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        return ProcessName.of(name, 0, end).escapedText();
    }

    /** The library's name for a table. */
    public static Protocol protocol(SocketTable table) {
        return switch (table) {
            case TCP -> Protocol.TCP;
            case UDP -> Protocol.UDP;
            case RAW -> Protocol.RAW;
            case MPTCP -> Protocol.MPTCP;
            case DCCP -> Protocol.DCCP;
            case SCTP -> Protocol.SCTP;
            case UNIX_STREAM -> Protocol.UNIX_STREAM;
            case UNIX_DGRAM -> Protocol.UNIX_DGRAM;
            case UNIX_SEQPACKET -> Protocol.UNIX_SEQPACKET;
            case PACKET_RAW -> Protocol.PACKET_RAW;
            case PACKET_DGRAM -> Protocol.PACKET_DGRAM;
            case NETLINK -> Protocol.NETLINK;
            case VSOCK_STREAM, VSOCK_DGRAM, TIPC, XDP ->
                    throw new IllegalArgumentException("no library protocol for the " + table.netid() + " table");
        };
    }

    /** The table a library protocol names. */
    public static SocketTable table(Protocol protocol) {
        return switch (protocol) {
            case TCP -> SocketTable.TCP;
            case UDP -> SocketTable.UDP;
            case RAW -> SocketTable.RAW;
            case MPTCP -> SocketTable.MPTCP;
            case DCCP -> SocketTable.DCCP;
            case SCTP -> SocketTable.SCTP;
            case UNIX_STREAM -> SocketTable.UNIX_STREAM;
            case UNIX_DGRAM -> SocketTable.UNIX_DGRAM;
            case UNIX_SEQPACKET -> SocketTable.UNIX_SEQPACKET;
            case PACKET_RAW -> SocketTable.PACKET_RAW;
            case PACKET_DGRAM -> SocketTable.PACKET_DGRAM;
            case NETLINK -> SocketTable.NETLINK;
        };
    }
}
