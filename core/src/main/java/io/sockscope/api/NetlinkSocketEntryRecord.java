package io.sockscope.api;

import java.util.Objects;

/** The library's {@link NetlinkSocketEntry}; package-private for the reason {@link InetSocketEntryRecord} gives. */
record NetlinkSocketEntryRecord(
        Protocol protocol,
        SocketState state,
        long recvQueue,
        long sendQueue,
        int netlinkProtocol,
        String protocolName,
        long portId,
        long groups,
        boolean connected,
        long peerPortId,
        long peerGroup,
        long inode,
        Owners owners,
        NetworkNamespace namespace,
        Container container,
        Pod pod,
        String unit) implements NetlinkSocketEntry {
    NetlinkSocketEntryRecord {
        Objects.requireNonNull(owners, "owners");
    }
}
