package io.sockscope.junit;

import io.sockscope.api.Endpoint;
import io.sockscope.api.InetSocketEntry;
import io.sockscope.api.Protocol;
import io.sockscope.api.SocketEntry;
import io.sockscope.api.SocketInspector;
import io.sockscope.api.SocketQuery;
import io.sockscope.api.SocketState;
import io.sockscope.api.SockscopeException;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Assertions for tests of servers, over the kernel's socket tables: that a port listens where it should
 * ({@link #assertListening(int, ListenScope)}, {@link #assertListening(int, InetAddress)}), and that this JVM and its
 * children hold no connection in CLOSE-WAIT ({@link #assertNoCloseWait()}). Where the tables cannot be read (not
 * Linux, no native access) each aborts the test, as an assumption does, rather than failing it.
 */
public final class SocketAssertions {
    private SocketAssertions() {
    }

    /**
     * Asserts that TCP port {@code port} is listened on, by any process, in {@code scope}.
     *
     * @param port  the port
     * @param scope where it should accept connections
     * @throws AssertionFailedError when nothing listens there, or the listeners' addresses do not match the scope
     */
    public static void assertListening(int port, ListenScope scope) {
        List<InetSocketEntry> listeners = listeners(port);
        if (listeners.isEmpty()) {
            throw new AssertionFailedError("nothing listens on TCP port " + port);
        }
        switch (scope) {
            case LOOPBACK -> {
                List<InetSocketEntry> beyond = listeners.stream().filter(l -> !l.local().inetAddress()
                        .isLoopbackAddress()).toList();
                if (!beyond.isEmpty()) {
                    throw new AssertionFailedError("TCP port " + port + " should listen on loopback only, but "
                            + "listens on " + describe(beyond) + ": other hosts can connect\n\n" + table(listeners));
                }
            }
            case ANY -> {
                if (listeners.stream().noneMatch(l -> l.local().wildcard())) {
                    throw new AssertionFailedError("TCP port " + port + " should listen on every address, but "
                            + "listens on " + describe(listeners) + " only: "
                            + (listeners.stream().allMatch(l -> l.local().inetAddress().isLoopbackAddress())
                            ? "other hosts cannot connect (bind to 0.0.0.0 or ::, not to loopback)"
                            : "clients of other addresses cannot connect")
                            + "\n\n" + table(listeners));
                }
            }
        }
    }

    /**
     * Asserts that TCP port {@code port} is listened on, by any process, bound to exactly {@code address} (a
     * wildcard listener accepts there too, but is not what this asserts: use {@link ListenScope#ANY} for it).
     *
     * @param port    the port
     * @param address the address it should be bound to; an IPv4-mapped IPv6 listener counts as its IPv4 address
     * @throws AssertionFailedError when nothing listens there, or not on that address
     */
    public static void assertListening(int port, InetAddress address) {
        List<InetSocketEntry> listeners = listeners(port);
        if (listeners.isEmpty()) {
            throw new AssertionFailedError("nothing listens on TCP port " + port);
        }
        if (listeners.stream().noneMatch(l -> l.local().inetAddress().equals(address))) {
            throw new AssertionFailedError("TCP port " + port + " should listen on " + address.getHostAddress()
                    + ", but listens on " + describe(listeners) + "\n\n" + table(listeners));
        }
    }

    /**
     * Asserts that no TCP connection this JVM or one of its child processes holds is in CLOSE-WAIT: the peer closed
     * it and this side never did, the leak a server that forgets to close what it accepted shows.
     *
     * @throws SocketLeakError when some are, with their table
     */
    public static void assertNoCloseWait() {
        DescriptorScanner scanner = new DescriptorScanner(Path.of("/proc"));
        if (!scanner.readable()) {
            throw new TestAbortedException("sockscope: this JVM's descriptors cannot be read (not Linux?)");
        }
        HeldSockets held = scanner.scan();
        SocketQuery query = SocketQuery.builder().protocols(Protocol.TCP).states(SocketState.CLOSE_WAIT).build();
        List<LeakedSocket> waiting = new ArrayList<>();
        for (SocketEntry e : list(query)) {
            if (e.inode() != 0 && held.inodes().contains(e.inode())) {
                List<SocketHolder> holders = held.descriptors(e.inode()).stream()
                        .map(d -> new SocketHolder(d.pid(), d.fd(), scanner.tree().command(d.pid()))).toList();
                waiting.add(new LeakedSocket(e.inode(), LeakKind.CLOSE_WAIT, e, holders));
            }
        }
        if (!waiting.isEmpty()) {
            throw new SocketLeakError("sockscope: " + waiting.size()
                    + (waiting.size() == 1 ? " connection" : " connections")
                    + " in CLOSE-WAIT, held by this JVM or its children: the peer closed, this side never did\n\n"
                    + LeakTable.table(waiting, "assertNoCloseWait"), waiting);
        }
    }

    private static List<InetSocketEntry> listeners(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        SocketQuery query = SocketQuery.builder().protocols(Protocol.TCP).states(SocketState.LISTEN)
                .filter("sport = :" + port).withOwners().build();
        return list(query).stream().filter(InetSocketEntry.class::isInstance).map(InetSocketEntry.class::cast)
                .toList();
    }

    private static List<SocketEntry> list(SocketQuery query) {
        try (SocketInspector inspector = SocketInspector.open()) {
            return inspector.list(query);
        } catch (SockscopeException e) {
            throw new TestAbortedException("sockscope: the kernel's socket tables cannot be read: " + e.getMessage(),
                    e);
        }
    }

    private static String describe(List<InetSocketEntry> listeners) {
        return listeners.stream().map(l -> scopeOf(l.local(), l)).distinct().collect(Collectors.joining(" and "));
    }

    private static String scopeOf(Endpoint local, InetSocketEntry l) {
        if (local.wildcard()) {
            if (!local.address().contains(":")) {
                return "0.0.0.0 (every IPv4 address)";
            }
            return Boolean.TRUE.equals(l.v6only()) ? ":: (every IPv6 address)" : ":: (every IPv6 and IPv4 address)";
        }
        return local.address();
    }

    /** The listeners as an ss-like table, their owners as ss prints them. */
    private static String table(List<InetSocketEntry> listeners) {
        List<LeakedSocket> rows = new ArrayList<>();
        for (InetSocketEntry l : listeners) {
            List<SocketHolder> holders = l.owners().processes().stream()
                    .map(p -> new SocketHolder(p.pid(), p.fd(), p.command())).toList();
            rows.add(new LeakedSocket(l.inode(), LeakKind.LISTENER, l, holders));
        }
        return LeakTable.listing(rows);
    }

}
