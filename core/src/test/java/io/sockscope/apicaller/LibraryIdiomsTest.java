package io.sockscope.apicaller;

import io.sockscope.api.Container;
import io.sockscope.api.Endpoint;
import io.sockscope.api.InetSocketEntry;
import io.sockscope.api.InvalidFilterException;
import io.sockscope.api.NetlinkSocketEntry;
import io.sockscope.api.NetlinkUnavailableException;
import io.sockscope.api.NetworkNamespace;
import io.sockscope.api.OwnerStatus;
import io.sockscope.api.PacketSocketEntry;
import io.sockscope.api.PermissionDeniedException;
import io.sockscope.api.ProcessOwner;
import io.sockscope.api.Protocol;
import io.sockscope.api.SocketDumpException;
import io.sockscope.api.SocketEntry;
import io.sockscope.api.SocketInspector;
import io.sockscope.api.SocketMemory;
import io.sockscope.api.SocketQuery;
import io.sockscope.api.SocketState;
import io.sockscope.api.SockscopeException;
import io.sockscope.api.TcpInfo;
import io.sockscope.api.Timer;
import io.sockscope.api.UnixSocketEntry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A caller of the library in a package of its own, so that it sees only what every caller sees, written with the
 * idioms docs/library.md and the README show: type patterns and accessors, the builder, {@code forEach}, a
 * switch over the four kinds and one over the exceptions. It stops compiling when the API breaks one of them,
 * and runs them on sockets of its own (no privilege needed).
 */
class LibraryIdiomsTest {
    private static final long OWN_PID = ProcessHandle.current().pid();

    @Test
    void theDocumentedIdiomsCompileAndWork() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 5, loopback);
             Socket client = new Socket(loopback, server.getLocalPort());
             Socket accepted = server.accept();
             SocketInspector inspector = SocketInspector.open()) {
            client.getOutputStream().write(new byte[10]);
            int port = server.getLocalPort();

            List<String> holders = new ArrayList<>();
            for (SocketEntry e : inspector.list(SocketQuery.tcpListeners())) {
                if (e instanceof InetSocketEntry s && !s.local().wildcard() && s.local().port() == port) {
                    for (ProcessOwner p : s.owners().processes()) {
                        holders.add(p.command() + "[" + p.pid() + "/" + p.tid() + "] fd " + p.fd()
                                + (p.commandIsUtf8() ? "" : " bytes " + p.commandBytes().length));
                    }
                    assertEquals(OwnerStatus.KNOWN, s.owners().status(), s.owners().status().text());
                    assertTrue(s.owners().known());
                }
            }
            assertTrue(holders.stream().anyMatch(h -> h.contains("[" + OWN_PID + "/")), holders.toString());

            // A query of this thread's namespace names no namespace and finds no container: all under "-".
            Map<String, List<Integer>> byContainer = portsByContainer(inspector.list(SocketQuery.tcpListeners()));
            assertEquals(List.of("-"), List.copyOf(byContainer.keySet()), byContainer.toString());
            assertTrue(byContainer.get("-").contains(port), byContainer.toString());

            SocketQuery pair = SocketQuery.builder()
                    .protocols(Protocol.TCP)
                    .states(SocketState.ESTABLISHED, SocketState.LISTEN)
                    .filter("sport = :" + port + " or dport = :" + port)
                    .withTcpInfo()
                    .withMemory()
                    .build();
            List<String> lines = new ArrayList<>();
            inspector.forEach(pair, entry -> lines.add(describe(entry)));
            assertEquals(3, lines.size(), "the listener and both ends: " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("tcp ESTAB ") && l.contains(" rtt ")), lines.toString());
            assertTrue(accepted.isConnected());

            String why = null;
            try {
                inspector.list(SocketQuery.builder().filter("sport = :22 frobnicate").build());
            } catch (SockscopeException e) {
                why = reason(e);
            }
            assertEquals("bad filter at 12", why);
        }
    }

    /** docs/library.md's listeners by the container holding them, where each was listed in the key's suffix. */
    private static Map<String, List<Integer>> portsByContainer(List<SocketEntry> entries) {
        Map<String, List<Integer>> ports = new TreeMap<>();
        for (SocketEntry entry : entries) {
            if (entry instanceof InetSocketEntry s) {
                Container c = s.container();
                String name = c == null ? "-" : c.name() != null ? c.name() : c.id().substring(0, 12);
                NetworkNamespace where = s.namespace();
                String key = where == null ? name : name + " in " + where.label();
                ports.computeIfAbsent(key, k -> new ArrayList<>()).add(s.local().port());
            }
        }
        return ports;
    }

    /** The SocketEntry Javadoc's switch: exhaustive over the four kinds, with no default. */
    private static String describe(SocketEntry entry) {
        String head = entry.protocol().netid() + " " + entry.state().ssName() + " ";
        return head + switch (entry) {
            case InetSocketEntry inet -> endpoint(inet.local()) + " " + endpoint(inet.peer()) + details(inet);
            case UnixSocketEntry unix -> unix.path() + " peer " + unix.peerInode();
            case PacketSocketEntry packet -> packet.interfaceName() + " " + packet.etherType();
            case NetlinkSocketEntry netlink -> netlink.protocolName() + " " + netlink.portId();
        };
    }

    private static String endpoint(Endpoint e) {
        return e.inetAddress().getHostAddress() + ":" + e.port() + (e.interfaceName() == null ? "" : "%" + e.interfaceName());
    }

    private static String details(InetSocketEntry s) {
        StringBuilder b = new StringBuilder();
        TcpInfo info = s.tcpInfo();
        if (info != null) {
            b.append(" rtt ").append(info.rtt()).append(" cwnd ").append(info.sndCwnd())
                    .append(" acked ").append(Long.toUnsignedString(info.bytesAcked()));
        }
        SocketMemory memory = s.memory();
        if (memory != null) {
            b.append(" rb ").append(memory.rcvbuf());
        }
        Timer timer = s.timer();
        if (timer != null) {
            b.append(" timer ").append(timer.name()).append(' ').append(timer.expiresMillis());
        }
        return b.toString();
    }

    /** The exceptions are sealed too: a switch over them needs no default. */
    private static String reason(SockscopeException e) {
        return switch (e) {
            case NetlinkUnavailableException n -> "no netlink: " + n.getMessage();
            case PermissionDeniedException p -> "refused: " + p.getMessage();
            case InvalidFilterException f -> "bad filter at " + f.position();
            case SocketDumpException d -> "dump failed: " + d.getMessage();
        };
    }
}
