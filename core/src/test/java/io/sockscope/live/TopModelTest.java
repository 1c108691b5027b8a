package io.sockscope.live;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.LimitsProvider;
import io.sockscope.model.Owner;
import io.sockscope.model.ProcessLimits;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.Timer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link TopModel}: counts per process and per listening port, accept-queue fill, CLOSE-WAIT trend, limits. */
class TopModelTest {
    private static final byte[] LOOPBACK = {127, 0, 0, 1};
    private static final byte[] ANY = new byte[4];
    private static final LimitsProvider NO_LIMITS = pid -> Optional.empty();

    private final Map<Long, List<Owner>> owners = new HashMap<>();
    private final LongFunction<List<Owner>> ownerOf = inode -> owners.getOrDefault(inode, List.of());

    private static InetSocket tcp(TcpState state, byte[] local, int localPort, int peerPort, long inode,
                                  long recvQ, long sendQ) {
        return new InetSocket(SocketTable.TCP, AddressFamily.INET, state.code(), recvQ, sendQ,
                new InetEndpoint(local, localPort), new InetEndpoint(peerPort == 0 ? ANY : LOOPBACK, peerPort), 0,
                inode, 0, inode + 1000, Timer.OFF, 0, -1, 0, 0, 0, -1, null, null);
    }

    private static InetSocket listener(int port, long inode, long acceptQueue, long backlog) {
        return tcp(TcpState.LISTEN, ANY, port, 0, inode, acceptQueue, backlog);
    }

    private static InetSocket accepted(TcpState state, int port, int peerPort, long inode) {
        return tcp(state, LOOPBACK, port, peerPort, inode, 0, 0);
    }

    private void own(long inode, int pid, String command) {
        owners.put(inode, List.of(new Owner(command, pid, pid, (int) inode)));
    }

    @Test
    void countsEachProcessSocketsByState() {
        own(1, 100, "server");
        own(2, 100, "server");
        own(3, 100, "server");
        own(4, 200, "client");
        List<SocketRecord> dump = List.of(listener(8080, 1, 0, 128), accepted(TcpState.ESTABLISHED, 8080, 5001, 2),
                accepted(TcpState.CLOSE_WAIT, 8080, 5002, 3), tcp(TcpState.ESTABLISHED, LOOPBACK, 5001, 8080, 4, 0, 0),
                tcp(TcpState.TIME_WAIT, LOOPBACK, 8080, 5003, 0, 0, 0));
        TopSnapshot snapshot = new TopModel().refresh(1_000, dump, ownerOf, NO_LIMITS);

        assertEquals(5, snapshot.sockets());
        assertEquals(1, snapshot.unowned(), "the time-wait entry has no owner");
        assertEquals(2, snapshot.processes().size());
        ProcessRow server = snapshot.processes().get(0);
        assertEquals(100, server.pid());
        assertEquals("server", server.command().text());
        assertEquals(3, server.sockets());
        assertEquals(1, server.states().count(TcpState.LISTEN));
        assertEquals(1, server.states().count(TcpState.ESTABLISHED));
        assertEquals(1, server.closeWait());
        assertTrue(Double.isNaN(server.closeWaitPerMinute()), "one refresh has no trend");
        assertNull(server.limits());
        assertEquals(1, snapshot.processes().get(1).states().count(TcpState.ESTABLISHED));
    }

    @Test
    void aSocketSharedAfterAForkCountsForEachProcessButOnceForOne() {
        owners.put(1L, List.of(new Owner("parent", 10, 10, 3), new Owner("parent", 10, 10, 4),
                new Owner("child", 11, 11, 3)));
        TopSnapshot snapshot = new TopModel().refresh(1_000, List.of(listener(80, 1, 0, 10)), ownerOf, NO_LIMITS);
        assertEquals(List.of(1, 1), snapshot.processes().stream().map(ProcessRow::sockets).toList());
        assertEquals("parent", snapshot.ports().getFirst().owner().command().text(), "the first owner found");
    }

    @Test
    void aListeningPortGathersItsListenersQueuesAndTheConnectionsItAccepted() {
        own(1, 100, "server");
        InetSocket v4 = listener(8080, 1, 3, 128);
        InetSocket v6 = new InetSocket(SocketTable.TCP, AddressFamily.INET6, TcpState.LISTEN.code(), 1, 128,
                new InetEndpoint(new byte[16], 8080), new InetEndpoint(new byte[16], 0), 0, 2, 0, 99, Timer.OFF, 0, 1,
                0, 0, 0, -1, null, null);
        List<SocketRecord> dump = List.of(v4, v6, accepted(TcpState.ESTABLISHED, 8080, 6000, 3),
                accepted(TcpState.CLOSE_WAIT, 8080, 6001, 4), tcp(TcpState.SYN_RECV, LOOPBACK, 8080, 6002, 0, 0, 0),
                // A client whose peer is the port is not on it.
                tcp(TcpState.ESTABLISHED, LOOPBACK, 6000, 8080, 5, 0, 0), listener(22, 6, 0, 4096));
        TopSnapshot snapshot = new TopModel().refresh(1_000, dump, ownerOf, NO_LIMITS);

        assertEquals(2, snapshot.ports().size());
        PortRow web = snapshot.ports().getFirst();
        assertEquals(8080, web.port());
        assertEquals(SocketTable.TCP, web.table());
        assertEquals(List.of(v4.local(), v6.local()), web.addresses());
        assertEquals(100, web.owner().pid());
        assertEquals(4, web.acceptQueue());
        assertEquals(256, web.backlog());
        assertEquals(4.0 / 256, web.acceptFill());
        assertEquals(3, web.connections().total());
        assertEquals(1, web.connections().count(TcpState.SYN_RECV));
        assertEquals(1, web.closeWait());
        PortRow ssh = snapshot.ports().get(1);
        assertEquals(0, ssh.connections().total());
        assertNull(ssh.owner());
        assertEquals(0.0, ssh.acceptFill());
    }

    @Test
    void theCloseWaitTrendIsTheChangePerMinuteOverTheLastRefreshes() {
        TopModel model = new TopModel();
        own(1, 100, "leaky");
        for (int refresh = 0; refresh < 4; refresh++) {
            List<SocketRecord> dump = new java.util.ArrayList<>(List.of(listener(9000, 1, 0, 5)));
            for (int i = 0; i <= refresh; i++) {
                long inode = 10 + i;
                own(inode, 100, "leaky");
                dump.add(accepted(TcpState.CLOSE_WAIT, 9000, 7000 + i, inode));
            }
            TopSnapshot snapshot = model.refresh(refresh * 30_000L, dump, ownerOf, NO_LIMITS);
            if (refresh > 0) {
                // One more CLOSE-WAIT every 30 s: two a minute, for the process and for the port.
                assertEquals(2.0, snapshot.processes().getFirst().closeWaitPerMinute(), 1e-9);
                assertEquals(2.0, snapshot.ports().getFirst().closeWaitPerMinute(), 1e-9);
            }
        }
    }

    @Test
    void theTrendLooksBackOverAFewRefreshesOnly() {
        CloseWaitTrend<String> trend = new CloseWaitTrend<>();
        for (int i = 0; i < CloseWaitTrend.SAMPLES; i++) {
            trend.record("port", i * 60_000L, i < 2 ? 0 : 100);
        }
        // The jump from 0 to 100 is still in the window while a zero is; once both are out of it, it is flat.
        int minutes = CloseWaitTrend.SAMPLES - 1;
        assertEquals(100.0 / minutes, trend.record("port", CloseWaitTrend.SAMPLES * 60_000L, 100), 1e-9);
        assertEquals(0.0, trend.record("port", (CloseWaitTrend.SAMPLES + 1) * 60_000L, 100), 1e-9);
    }

    @Test
    void rowsThatAreGoneAreForgottenSoMemoryFollowsTheLiveTable() {
        TopModel model = new TopModel();
        own(1, 100, "server");
        model.refresh(0, List.of(listener(80, 1, 0, 10)), ownerOf, NO_LIMITS);
        TopSnapshot later = model.refresh(1_000, List.of(), ownerOf, NO_LIMITS);
        assertEquals(List.of(), later.processes());
        assertEquals(List.of(), later.ports());
        // Back again, the process starts a new trend: nothing remembered from before.
        TopSnapshot back = model.refresh(2_000, List.of(listener(80, 1, 0, 10)), ownerOf, NO_LIMITS);
        assertTrue(Double.isNaN(back.processes().getFirst().closeWaitPerMinute()));
    }

    @Test
    void descriptorsAreReadForEachProcess() {
        own(1, 100, "server");
        LimitsProvider limits = pid -> Optional.of(new ProcessLimits(pid, 900, 1024, 4096));
        ProcessRow row = new TopModel().refresh(0, List.of(listener(80, 1, 0, 10)), ownerOf, limits)
                .processes().getFirst();
        assertEquals(900, row.limits().openDescriptors());
        assertEquals(900.0 / 1024, row.descriptorFill(), 1e-9);
        ProcessRow unlimited = new TopModel().refresh(0, List.of(listener(80, 1, 0, 10)), ownerOf,
                pid -> Optional.of(new ProcessLimits(pid, 5, -1, -1))).processes().getFirst();
        assertTrue(Double.isNaN(unlimited.descriptorFill()));
    }
}
