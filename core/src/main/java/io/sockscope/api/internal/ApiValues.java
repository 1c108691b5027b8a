package io.sockscope.api.internal;

import io.sockscope.api.Container;
import io.sockscope.api.Endpoint;
import io.sockscope.api.Family;
import io.sockscope.api.InetSocketEntry;
import io.sockscope.api.InetSocketOption;
import io.sockscope.api.NetlinkSocketEntry;
import io.sockscope.api.NetworkNamespace;
import io.sockscope.api.OwnerStatus;
import io.sockscope.api.Owners;
import io.sockscope.api.PacketSocketEntry;
import io.sockscope.api.Pod;
import io.sockscope.api.ProcessOwner;
import io.sockscope.api.Protocol;
import io.sockscope.api.Shutdown;
import io.sockscope.api.SocketInspector;
import io.sockscope.api.SocketMemory;
import io.sockscope.api.SocketState;
import io.sockscope.api.TcpInfo;
import io.sockscope.api.Timer;
import io.sockscope.api.UnixSocketEntry;

import java.util.List;
import java.util.Set;

/**
 * Makes the library's values. Their classes are package-private records in {@code io.sockscope.api}, so that no
 * caller can construct them or deconstruct them with a record pattern, and components can be added
 * (docs/library.md, Compatibility); the mapping of this package ({@link EntryMapper}), which the command's JSON
 * output shares, reaches their constructors through this, as the JDK's own packages reach each other's
 * internals. The api package installs the one instance when {@link SocketInspector} is initialized. This door is
 * the one place where the two packages use each other; both are the api to docs/architecture.md's rules.
 * Arguments are in the records' component order. An entry's last four (namespace, container, pod, unit) are
 * null unless its listing ran across network namespaces ({@link EntryMapper#inNamespace}).
 */
public abstract class ApiValues {
    private static volatile ApiValues installed;

    protected ApiValues() {
    }

    /** The api package's factory. */
    public static ApiValues get() {
        ApiValues values = installed;
        if (values == null) {
            try {
                Class.forName(SocketInspector.class.getName(), true, SocketInspector.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the api package is missing", e);
            }
            values = installed;
        }
        return values;
    }

    /** Called once, by the api package. */
    public static void install(ApiValues values) {
        if (installed != null) {
            throw new IllegalStateException("the api values are installed already");
        }
        installed = values;
    }

    public abstract InetSocketEntry inet(Protocol protocol, Family family, SocketState state, long recvQueue,
            long sendQueue, Endpoint local, Endpoint peer, Boolean v6only, long inode, long uid, String cookie,
            Timer timer, Shutdown shutdown, long mark, long cgroupId, String cgroupPath, Integer tos,
            Integer trafficClass, String congestion, TcpInfo tcpInfo, SocketMemory memory, Owners owners,
            Set<InetSocketOption> options, NetworkNamespace namespace, Container container, Pod pod, String unit);

    public abstract UnixSocketEntry unix(Protocol protocol, SocketState state, long recvQueue, long sendQueue,
            String path, boolean abstractName, long inode, long peerInode, String peerPath, long uid,
            Shutdown shutdown, List<Long> pendingPeers, SocketMemory memory, Owners owners, NetworkNamespace namespace,
            Container container, Pod pod, String unit);

    public abstract PacketSocketEntry packet(Protocol protocol, SocketState state, long recvQueue, long sendQueue,
            int etherType, String interfaceName, long inode, long uid, String cookie, Owners owners,
            NetworkNamespace namespace, Container container, Pod pod, String unit);

    public abstract NetlinkSocketEntry netlink(Protocol protocol, SocketState state, long recvQueue,
            long sendQueue, int netlinkProtocol, String protocolName, long portId, long groups, boolean connected,
            long peerPortId, long peerGroup, long inode, Owners owners, NetworkNamespace namespace,
            Container container, Pod pod, String unit);

    public abstract Endpoint endpoint(String address, int port, String interfaceName, boolean v4Mapped,
            boolean wildcard);

    /** @throws IllegalArgumentException when the status is {@code KNOWN} with no process, or another with some */
    public abstract Owners owners(OwnerStatus status, List<ProcessOwner> processes);

    public abstract ProcessOwner processOwner(int pid, int tid, String command, int fd);

    public abstract Timer timer(String name, long expiresMillis, int retransmits);

    public abstract SocketMemory memory(long rmemAlloc, long rcvbuf, long wmemAlloc, long sndbuf, long fwdAlloc,
            long wmemQueued, long optmem, long backlog, long drops);

    /** @param pidsSample copied; ascending, as the listing found them */
    public abstract NetworkNamespace networkNamespace(long inode, String name, List<Integer> pidsSample);

    /** @throws NullPointerException when {@code runtime} or {@code id} is null */
    public abstract Container container(String runtime, String id, String name);

    /** @throws NullPointerException when {@code uid} is null */
    public abstract Pod pod(String namespace, String name, String uid);

    /** The library's copy of the model's {@code tcp_info}, its unsigned fields widened. */
    public abstract TcpInfo tcpInfo(io.sockscope.model.TcpInfo kernel);
}
