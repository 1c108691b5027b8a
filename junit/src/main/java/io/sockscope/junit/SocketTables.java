package io.sockscope.junit;

import io.sockscope.api.InetSocketEntry;
import io.sockscope.api.Protocol;
import io.sockscope.api.SocketEntry;
import io.sockscope.api.SocketInspector;
import io.sockscope.api.SocketQuery;
import io.sockscope.api.SocketState;
import io.sockscope.api.SockscopeException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The extension's slow path: a dump of this network namespace's tables through the library's public API, kept by
 * inode for the sockets asked about, with every TCP-like listener (which tells an accepted connection from a
 * client's). Taken only when a test's descriptors show new sockets. The common tables first (TCP, UDP, unix: each
 * table is a netlink exchange of its own, some a {@code /proc/net} read); the others only for sockets those did not
 * list.
 */
final class SocketTables {
    /** What a dump said of the sockets asked about, or why it said nothing. */
    record Dump(Map<Long, SocketEntry> byInode, List<InetSocketEntry> listeners, String failure) {
        static Dump failed(String why) {
            return new Dump(Map.of(), List.of(), why);
        }
    }

    private static final SocketQuery COMMON = SocketQuery.builder().protocols(Protocol.TCP, Protocol.UDP,
            Protocol.UNIX_STREAM, Protocol.UNIX_DGRAM, Protocol.UNIX_SEQPACKET).build();
    private static final SocketQuery THE_OTHERS = SocketQuery.builder().protocols(Protocol.RAW, Protocol.MPTCP,
            Protocol.SCTP, Protocol.DCCP, Protocol.PACKET_RAW, Protocol.PACKET_DGRAM, Protocol.NETLINK).build();

    private SocketTables() {
    }

    static Dump read(Set<Long> inodes) {
        Map<Long, SocketEntry> found = new HashMap<>();
        List<InetSocketEntry> listeners = new ArrayList<>();
        try (SocketInspector inspector = SocketInspector.open()) {
            Consumer<SocketEntry> keep = entry -> {
                if (entry.inode() != 0 && inodes.contains(entry.inode())) {
                    found.put(entry.inode(), entry);
                }
                if (entry instanceof InetSocketEntry inet && inet.state() == SocketState.LISTEN) {
                    listeners.add(inet);
                }
            };
            inspector.forEach(COMMON, keep);
            if (found.size() < inodes.size()) {
                inspector.forEach(THE_OTHERS, keep);
            }
        } catch (SockscopeException e) {
            return Dump.failed(e.getMessage());
        }
        return new Dump(found, listeners, null);
    }
}
