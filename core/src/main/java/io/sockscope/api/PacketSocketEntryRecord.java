package io.sockscope.api;

import java.util.Objects;

/** The library's {@link PacketSocketEntry}; package-private for the reason {@link InetSocketEntryRecord} gives. */
record PacketSocketEntryRecord(
        Protocol protocol,
        SocketState state,
        long recvQueue,
        long sendQueue,
        int etherType,
        String interfaceName,
        long inode,
        long uid,
        String cookie,
        Owners owners,
        NetworkNamespace namespace,
        Container container,
        Pod pod,
        String unit) implements PacketSocketEntry {
    PacketSocketEntryRecord {
        Objects.requireNonNull(owners, "owners");
    }
}
