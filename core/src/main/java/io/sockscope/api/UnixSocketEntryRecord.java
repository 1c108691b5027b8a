package io.sockscope.api;

import io.sockscope.model.ProcessName;

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
        Owners owners,
        NetworkNamespace namespace,
        Container container,
        Pod pod,
        String unit) implements UnixSocketEntry {
    UnixSocketEntryRecord {
        pendingPeers = List.copyOf(pendingPeers);
        Objects.requireNonNull(owners, "owners");
    }

    @Override
    public byte[] pathBytes() {
        return path == null ? null : ProcessName.ofEscapedText(path).bytes();
    }

    @Override
    public boolean pathIsUtf8() {
        return path == null || !ProcessName.hasEscapedBytes(path);
    }

    @Override
    public byte[] peerPathBytes() {
        return peerPath == null ? null : ProcessName.ofEscapedText(peerPath).bytes();
    }

    @Override
    public boolean peerPathIsUtf8() {
        return peerPath == null || !ProcessName.hasEscapedBytes(peerPath);
    }
}
