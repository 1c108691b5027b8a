package io.sockscope.api;

import java.util.Objects;
import java.util.Set;

/**
 * The library's {@link InetSocketEntry}. Package-private, so that components can be added without breaking a
 * caller's constructor call or record pattern: callers see the interface only.
 */
record InetSocketEntryRecord(
        Protocol protocol,
        Family family,
        SocketState state,
        long recvQueue,
        long sendQueue,
        Endpoint local,
        Endpoint peer,
        Boolean v6only,
        long inode,
        long uid,
        String cookie,
        Timer timer,
        Shutdown shutdown,
        long mark,
        long cgroupId,
        String cgroupPath,
        Integer tos,
        Integer trafficClass,
        String congestion,
        TcpInfo tcpInfo,
        SocketMemory memory,
        Owners owners,
        Set<InetSocketOption> options,
        NetworkNamespace namespace,
        Container container,
        Pod pod,
        String unit) implements InetSocketEntry {
    InetSocketEntryRecord {
        Objects.requireNonNull(owners, "owners");
    }
}
