package io.sockscope.api;

import java.util.List;
import java.util.Objects;

/** The library's {@link UnixSocketEntry}; package-private for the reason {@link InetSocketEntryRecord} gives. */
record UnixSocketEntryRecord(
        Protocol protocol,
        SocketState state,
        long recvQueue,
        long sendQueue,
        String path,
        boolean abstractName,
        long inode,
        long peerInode,
        String peerPath,
        long uid,
        Shutdown shutdown,
        List<Long> pendingPeers,
        SocketMemory memory,
        Owners owners) implements UnixSocketEntry {
    UnixSocketEntryRecord {
        pendingPeers = List.copyOf(pendingPeers);
        Objects.requireNonNull(owners, "owners");
    }
}
