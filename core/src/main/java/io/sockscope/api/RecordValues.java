package io.sockscope.api;

import io.sockscope.api.internal.ApiValues;

import java.util.List;
import java.util.Set;

/** The constructors of this package's records, for the mapping in {@code api.internal} ({@link ApiValues}). */
final class RecordValues extends ApiValues {
    @Override
    public InetSocketEntry inet(Protocol protocol, Family family, SocketState state, long recvQueue, long sendQueue,
            Endpoint local, Endpoint peer, Boolean v6only, long inode, long uid, String cookie, Timer timer,
            Shutdown shutdown, long mark, long cgroupId, String cgroupPath, Integer tos, Integer trafficClass,
            String congestion, TcpInfo tcpInfo, SocketMemory memory, Owners owners,
            Set<InetSocketOption> options, NetworkNamespace namespace, Container container, Pod pod, String unit) {
        return new InetSocketEntryRecord(protocol, family, state, recvQueue, sendQueue, local, peer, v6only, inode,
                uid, cookie, timer, shutdown, mark, cgroupId, cgroupPath, tos, trafficClass, congestion, tcpInfo,
                memory, owners, options == null ? null : Set.copyOf(options), namespace, container, pod, unit);
    }

    @Override
    public UnixSocketEntry unix(Protocol protocol, SocketState state, long recvQueue, long sendQueue, String path,
            boolean abstractName, long inode, long peerInode, String peerPath, long uid, Shutdown shutdown,
            List<Long> pendingPeers, SocketMemory memory, Owners owners, NetworkNamespace namespace,
            Container container, Pod pod, String unit) {
        return new UnixSocketEntryRecord(protocol, state, recvQueue, sendQueue, path, abstractName, inode, peerInode,
                peerPath, uid, shutdown, pendingPeers, memory, owners, namespace, container, pod, unit);
    }

    @Override
    public PacketSocketEntry packet(Protocol protocol, SocketState state, long recvQueue, long sendQueue,
            int etherType, String interfaceName, long inode, long uid, String cookie, Owners owners,
            NetworkNamespace namespace, Container container, Pod pod, String unit) {
        return new PacketSocketEntryRecord(protocol, state, recvQueue, sendQueue, etherType, interfaceName, inode,
                uid, cookie, owners, namespace, container, pod, unit);
    }

    @Override
    public NetlinkSocketEntry netlink(Protocol protocol, SocketState state, long recvQueue, long sendQueue,
            int netlinkProtocol, String protocolName, long portId, long groups, boolean connected, long peerPortId,
            long peerGroup, long inode, Owners owners, NetworkNamespace namespace, Container container, Pod pod,
            String unit) {
        return new NetlinkSocketEntryRecord(protocol, state, recvQueue, sendQueue, netlinkProtocol, protocolName,
                portId, groups, connected, peerPortId, peerGroup, inode, owners, namespace, container, pod, unit);
    }

    @Override
    public Endpoint endpoint(String address, int port, String interfaceName, boolean v4Mapped, boolean wildcard) {
        return new EndpointRecord(address, port, interfaceName, v4Mapped, wildcard);
    }

    @Override
    public Owners owners(OwnerStatus status, List<ProcessOwner> processes) {
        return new OwnersRecord(status, processes);
    }

    @Override
    public ProcessOwner processOwner(int pid, int tid, String command, int fd) {
        return new ProcessOwnerRecord(pid, tid, command, fd);
    }

    @Override
    public Timer timer(String name, long expiresMillis, int retransmits) {
        return new TimerRecord(name, expiresMillis, retransmits);
    }

    @Override
    public SocketMemory memory(long rmemAlloc, long rcvbuf, long wmemAlloc, long sndbuf, long fwdAlloc,
            long wmemQueued, long optmem, long backlog, long drops) {
        return new SocketMemoryRecord(rmemAlloc, rcvbuf, wmemAlloc, sndbuf, fwdAlloc, wmemQueued, optmem, backlog,
                drops);
    }

    @Override
    public NetworkNamespace networkNamespace(long inode, String name, List<Integer> pidsSample) {
        return new NetworkNamespaceRecord(inode, name, pidsSample);
    }

    @Override
    public Container container(String runtime, String id, String name) {
        return new ContainerRecord(runtime, id, name);
    }

    @Override
    public Pod pod(String namespace, String name, String uid) {
        return new PodRecord(namespace, name, uid);
    }

    @Override
    public TcpInfo tcpInfo(io.sockscope.model.TcpInfo kernel) {
        return TcpInfoRecord.of(kernel);
    }
}
