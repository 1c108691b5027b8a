package io.sockscope.source;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dumps the real kernel's TCP table (no privilege needed) and finds a listener this JVM opened. */
class NetlinkSourceKernelTest {

    static DumpRequest everything() {
        int allTables = (1 << SocketTable.values().length) - 1;
        long families = AddressFamily.mask(AddressFamily.INET) | AddressFamily.mask(AddressFamily.INET6)
                | AddressFamily.mask(AddressFamily.UNIX) | AddressFamily.mask(AddressFamily.PACKET)
                | AddressFamily.mask(AddressFamily.NETLINK);
        return new DumpRequest(allTables, TcpState.ALL, families, AddressFamily.UNSPEC,
                false, false, false, false, null);
    }

    static int ourUid() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no Uid line in /proc/self/status");
    }

    @Test
    void findsOurLoopbackListenerWithOurUidAndAnInode() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            List<SocketRecord> sockets = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            new NetlinkSource().dump(DumpKind.TCP, everything(), sockets::add, warnings::add);

            List<InetSocket> ours = sockets.stream()
                    .map(InetSocket.class::cast)
                    .filter(s -> s.local().port() == server.getLocalPort() && s.state() == TcpState.LISTEN.code())
                    .toList();
            assertEquals(1, ours.size(), "our listener on port " + server.getLocalPort());
            InetSocket listener = ours.getFirst();
            assertEquals(SocketTable.TCP, listener.table());
            // The JDK opens dual-stack IPv6 sockets unless told to prefer IPv4: 127.0.0.1 is then v4-mapped.
            if (listener.family() == AddressFamily.INET6) {
                assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 127, 0, 0, 1},
                        listener.local().address());
                assertEquals(0, listener.v6only(), "a dual-stack socket reports INET_DIAG_SKV6ONLY 0");
            } else {
                assertEquals(AddressFamily.INET, listener.family());
                assertArrayEquals(new byte[] {127, 0, 0, 1}, listener.local().address());
            }
            assertEquals(ourUid(), listener.uid());
            assertNotEquals(0, listener.inode());
            assertEquals(50, listener.sendQ(), "a listener's send queue is its backlog");
            assertNotEquals(0, listener.cookie());
            assertEquals(List.of(), warnings);
        }
    }
}
