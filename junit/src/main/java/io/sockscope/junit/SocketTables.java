package io.sockscope.junit;

import io.sockscope.api.InetSocketEntry;
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

/**
 * The extension's slow path: one dump of every table of this network namespace through the library's public API,
 * kept by inode for the sockets asked about, with every TCP-like listener (which tells an accepted connection from
 * a client's). Taken only when a test's descriptors show new sockets.
 */
final class SocketTables {
    /** What a dump said of the sockets asked about, or why it said nothing. */
    record Dump(Map<Long, SocketEntry> byInode, List<InetSocketEntry> listeners, String failure) {
        static Dump failed(String why) {
            return new Dump(Map.of(), List.of(), why);
        }
    }

    private static final SocketQuery EVERYTHING = SocketQuery.builder().build();

    private SocketTables() {
    }

    static Dump read(Set<Long> inodes) {
        Map<Long, SocketEntry> found = new HashMap<>();
        List<InetSocketEntry> listeners = new ArrayList<>();
        try (SocketInspector inspector = SocketInspector.open()) {
            inspector.forEach(EVERYTHING, entry -> {
                if (entry.inode() != 0 && inodes.contains(entry.inode())) {
                    found.put(entry.inode(), entry);
                }
                if (entry instanceof InetSocketEntry inet && inet.state() == SocketState.LISTEN) {
                    listeners.add(inet);
                }
            });
        } catch (SockscopeException e) {
            return Dump.failed(e.getMessage());
        }
        return new Dump(found, listeners, null);
    }
}
