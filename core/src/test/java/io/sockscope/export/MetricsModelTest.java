package io.sockscope.export;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.LimitsProvider;
import io.sockscope.model.Netns;
import io.sockscope.model.Owner;
import io.sockscope.model.ProcessLimits;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.Timer;
import io.sockscope.model.Workload;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link MetricsModel}: counts by table and state, listening addresses and their scope, accept queues, the
 * per-process series and their cap, CLOSE-WAIT ages across snapshots, places.
 */
class MetricsModelTest {
    private static final byte[] LOOPBACK = {127, 0, 0, 1};
    private static final byte[] ANY = new byte[4];
    private static final byte[] HOST = {10, 1, 2, 3};
    private static final LimitsProvider NO_LIMITS = pid -> Optional.empty();

    private final Map<Long, List<Owner>> owners = new HashMap<>();
    private final LongFunction<List<Owner>> ownerOf = inode -> owners.getOrDefault(inode, List.of());

    private static InetSocket tcp(TcpState state, byte[] local, int localPort, int peerPort, long inode, long recvQ,
                                  long sendQ) {
        return inet(SocketTable.TCP, state.code(), local, localPort, peerPort, inode, recvQ, sendQ);
    }

    private static InetSocket inet(SocketTable table, int state, byte[] local, int localPort, int peerPort,
                                   long inode, long recvQ, long sendQ) {
        byte[] peer = peerPort == 0 ? new byte[local.length] : LOOPBACK;
        return new InetSocket(table, local.length == 4 ? AddressFamily.INET : AddressFamily.INET6, state, recvQ, sendQ,
                new InetEndpoint(local, localPort), new InetEndpoint(peer, peerPort), 0, inode, 0, inode + 1000,
                Timer.OFF, 0, -1, 0, 0, 0, -1, null, null);
    }

    private void own(long inode, int pid, String command) {
        owners.computeIfAbsent(inode, k -> new ArrayList<>()).add(new Owner(command, pid, pid, (int) inode));
    }

    private MetricsSnapshot snapshot(MetricsModel model, long now, List<? extends SocketRecord> dump) {
        return model.snapshot(now, dump, ownerOf, NO_LIMITS, null, cookie -> -1);
    }

    @Test
    void countsEveryTableByStateOnceEach() {
        List<SocketRecord> dump = List.of(tcp(TcpState.ESTABLISHED, LOOPBACK, 1, 2, 1, 0, 0),
                tcp(TcpState.ESTABLISHED, LOOPBACK, 2, 1, 2, 0, 0), tcp(TcpState.TIME_WAIT, LOOPBACK, 3, 1, 0, 0, 0),
                inet(SocketTable.UDP, TcpState.CLOSE.code(), ANY, 53, 0, 3, 0, 0),
                // Codes ss does not know (12 is the kernel's NEW_SYN_RECV) count as one unknown series with 0.
                tcp(TcpState.UNKNOWN, LOOPBACK, 4, 1, 0, 0, 0), inet(SocketTable.TCP, 12, LOOPBACK, 5, 1, 0, 0, 0));
        MetricsSnapshot s = snapshot(new MetricsModel(SeriesCaps.DEFAULTS), 1_000, dump);

        assertEquals(List.of(new SocketCount(SeriesPlace.NONE, "tcp", "unknown", 2),
                new SocketCount(SeriesPlace.NONE, "tcp", "established", 2),
                new SocketCount(SeriesPlace.NONE, "tcp", "time-wait", 1),
                new SocketCount(SeriesPlace.NONE, "udp", "unconnected", 1)), s.sockets());
        assertFalse(s.placed());
    }

    @Test
    void listenersCarryTheirScopeAndOwnerAndReuseportListenersAreOneSeries() {
        own(1, 100, "nginx");
        own(2, 100, "nginx");
        own(3, 200, "redis-server");
        own(4, 300, "dnsmasq");
        byte[] v6Loopback = new byte[16];
        v6Loopback[15] = 1;
        List<SocketRecord> dump = List.of(tcp(TcpState.LISTEN, ANY, 80, 0, 1, 3, 511),
                tcp(TcpState.LISTEN, ANY, 80, 0, 2, 4, 511), tcp(TcpState.LISTEN, LOOPBACK, 6379, 0, 3, 0, 128),
                inet(SocketTable.TCP, TcpState.LISTEN.code(), v6Loopback, 6379, 0, 5, 0, 128),
                tcp(TcpState.LISTEN, HOST, 8443, 0, 6, 0, 4096),
                inet(SocketTable.UDP, TcpState.CLOSE.code(), HOST, 53, 0, 4, 0, 0),
                // A connected UDP socket and one bound to no port are not listening.
                inet(SocketTable.UDP, TcpState.ESTABLISHED.code(), HOST, 40000, 53, 7, 0, 0),
                inet(SocketTable.UDP, TcpState.CLOSE.code(), ANY, 0, 0, 8, 0, 0));
        MetricsSnapshot s = snapshot(new MetricsModel(SeriesCaps.DEFAULTS), 1_000, dump);

        assertEquals(List.of(
                new ListenerSeries(SeriesPlace.NONE, "udp", AddressScope.SPECIFIC, "10.1.2.3", 53, "dnsmasq"),
                new ListenerSeries(SeriesPlace.NONE, "tcp", AddressScope.ANY, "0.0.0.0", 80, "nginx"),
                new ListenerSeries(SeriesPlace.NONE, "tcp", AddressScope.LOOPBACK, "127.0.0.1", 6379, "redis-server"),
                new ListenerSeries(SeriesPlace.NONE, "tcp", AddressScope.LOOPBACK, "::1", 6379, ""),
                new ListenerSeries(SeriesPlace.NONE, "tcp", AddressScope.SPECIFIC, "10.1.2.3", 8443, "")),
                s.listeners());
        assertEquals(new ListenQueue(SeriesPlace.NONE, "tcp", "0.0.0.0", 80, 7, 1022), s.queues().getFirst(),
                "the two SO_REUSEPORT sockets' queues are summed");
        assertEquals(4, s.queues().size(), "UDP has no accept queue");
    }

    @Test
    void queuedBytesAreSummedPerTableLeavingListenersOut() {
        List<SocketRecord> dump = List.of(tcp(TcpState.ESTABLISHED, LOOPBACK, 1, 2, 1, 100, 7),
                tcp(TcpState.CLOSE_WAIT, LOOPBACK, 2, 1, 2, 1, 0),
                // A listener's queues count connections, not bytes.
                tcp(TcpState.LISTEN, ANY, 80, 0, 3, 5, 511),
                inet(SocketTable.UDP, TcpState.CLOSE.code(), ANY, 53, 0, 4, 2048, 0));
        MetricsSnapshot s = snapshot(new MetricsModel(SeriesCaps.DEFAULTS), 1_000, dump);
        assertEquals(List.of(new QueuedBytes(SeriesPlace.NONE, "tcp", 101, 7),
                new QueuedBytes(SeriesPlace.NONE, "udp", 2048, 0)), s.queued());
    }

    @Test
    void theScopeOfAnAddress() {
        byte[] mappedLoopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 127, 0, 0, 1};
        byte[] mappedHost = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 10, 0, 0, 1};
        byte[] v6Host = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        assertEquals(AddressScope.LOOPBACK, AddressScope.of(new InetEndpoint(new byte[]{127, 1, 2, 3}, 1)));
        assertEquals(AddressScope.LOOPBACK, AddressScope.of(new InetEndpoint(mappedLoopback, 1)));
        assertEquals(AddressScope.SPECIFIC, AddressScope.of(new InetEndpoint(mappedHost, 1)));
        assertEquals(AddressScope.SPECIFIC, AddressScope.of(new InetEndpoint(v6Host, 1)));
        assertEquals(AddressScope.ANY, AddressScope.of(new InetEndpoint(new byte[16], 1)));
        assertEquals(AddressScope.ANY, AddressScope.of(new InetEndpoint(ANY, 1)));
    }

    @Test
    void processesPastTheCapAreSummedAsOtherAndCounted() {
        // Process 100 holds 3 sockets, 200 holds 2, 300 and 400 one each; the cap keeps two.
        long inode = 1;
        int[][] held = {{100, 3}, {200, 2}, {300, 1}, {400, 1}};
        List<SocketRecord> dump = new ArrayList<>();
        for (int[] p : held) {
            for (int i = 0; i < p[1]; i++) {
                own(inode, p[0], "p" + p[0]);
                dump.add(tcp(i == 0 && p[0] == 400 ? TcpState.CLOSE_WAIT : TcpState.ESTABLISHED, LOOPBACK,
                        (int) inode, 9, inode, 0, 0));
                inode++;
            }
        }
        Set<Integer> limitsRead = new HashSet<>();
        LimitsProvider limits = pid -> {
            limitsRead.add(pid);
            return Optional.of(new ProcessLimits(pid, 10 + pid, 1024, 4096));
        };
        MetricsModel model = new MetricsModel(new SeriesCaps(2, 10));
        MetricsSnapshot s = model.snapshot(60_000, dump, ownerOf, limits, null, cookie -> 5_000);

        assertEquals(List.of(new ProcessSeries("p100", "100", 3, 0, 0, 110, 1024),
                new ProcessSeries("p200", "200", 2, 0, 0, 210, 1024),
                new ProcessSeries("other", "", 2, 1, 5.0, -1, -1)), s.processes());
        assertEquals(Set.of(100, 200), limitsRead, "the limits of the processes folded away are not read");
        assertEquals(2, s.truncated().processes());
        MetricsSnapshot again = model.snapshot(61_000, dump, ownerOf, limits, null, cookie -> 5_000);
        assertEquals(4, again.truncated().processes(), "a counter: it adds up over snapshots");
    }

    @Test
    void aHostOfTenThousandProcessesGivesTheCapAndOneRowMore() {
        List<SocketRecord> dump = new ArrayList<>();
        for (int pid = 1; pid <= 10_000; pid++) {
            // Process 5000 holds two sockets: it ranks first.
            for (int i = 0; i < (pid == 5000 ? 2 : 1); i++) {
                long inode = pid * 10L + i;
                own(inode, pid, "worker");
                dump.add(tcp(TcpState.ESTABLISHED, LOOPBACK, pid % 60000 + 1, 9, inode, 0, 0));
            }
        }
        int[] limitsRead = {0};
        MetricsSnapshot s = new MetricsModel(SeriesCaps.DEFAULTS).snapshot(1_000, dump, ownerOf, pid -> {
            limitsRead[0]++;
            return Optional.empty();
        }, null, cookie -> -1);
        assertEquals(SeriesCaps.DEFAULTS.processes() + 1, s.processes().size());
        assertEquals("5000", s.processes().getFirst().pid());
        assertEquals(10_001 - (SeriesCaps.DEFAULTS.processes() + 1), s.processes().getLast().sockets(),
                "every socket is counted once: the kept rows hold 101, other the rest");
        assertEquals(SeriesCaps.DEFAULTS.processes(), limitsRead[0]);
        assertEquals(10_000 - SeriesCaps.DEFAULTS.processes(), s.truncated().processes());
    }

    @Test
    void aSocketHeldByAProcessThroughSeveralDescriptorsCountsOnceAndSharedOnesCountForEach() {
        own(1, 100, "parent");
        own(1, 100, "parent");
        own(1, 200, "child");
        MetricsSnapshot s = snapshot(new MetricsModel(SeriesCaps.DEFAULTS), 1_000,
                List.of(tcp(TcpState.ESTABLISHED, LOOPBACK, 1, 2, 1, 0, 0)));
        assertEquals(List.of(1L, 1L), s.processes().stream().map(ProcessSeries::sockets).toList());
    }

    @Test
    void aCloseWaitSocketAgesFromItsFirstSightingOrItsLastAckWhicheverIsEarlier() {
        own(1, 100, "leaky");
        own(2, 100, "leaky");
        InetSocket old = tcp(TcpState.CLOSE_WAIT, LOOPBACK, 8080, 5001, 1, 0, 0);
        InetSocket young = tcp(TcpState.CLOSE_WAIT, LOOPBACK, 8080, 5002, 2, 0, 0);
        Map<Long, Long> idle = new HashMap<>(Map.of(old.cookie(), 90_000L));
        MetricsModel model = new MetricsModel(SeriesCaps.DEFAULTS);

        MetricsSnapshot first = model.snapshot(100_000, List.of(old), ownerOf, NO_LIMITS, null,
                cookie -> idle.getOrDefault(cookie, -1L));
        assertEquals(90.0, first.processes().getFirst().closeWaitOldestSeconds(), 1e-9);

        // Ten seconds on, with no tcp_info this time, the first sighting still dates it.
        MetricsSnapshot second = model.snapshot(110_000, List.of(old, young), ownerOf, NO_LIMITS, null,
                cookie -> -1);
        assertEquals(100.0, second.processes().getFirst().closeWaitOldestSeconds(), 1e-9);
        assertEquals(2, second.processes().getFirst().closeWait());

        // Gone from one snapshot, it is forgotten: seen again (a new socket under a reused cookie), it starts over.
        model.snapshot(120_000, List.of(young), ownerOf, NO_LIMITS, null, cookie -> -1);
        MetricsSnapshot fourth = model.snapshot(130_000, List.of(old), ownerOf, NO_LIMITS, null, cookie -> -1);
        assertEquals(0.0, fourth.processes().getFirst().closeWaitOldestSeconds(), 1e-9);
    }

    @Test
    void listenersPastTheirCapAreDroppedLowestPortsKept() {
        List<SocketRecord> dump = new ArrayList<>();
        for (int port = 1; port <= 5; port++) {
            dump.add(tcp(TcpState.LISTEN, ANY, 6 - port, 0, port, 0, 128));
        }
        MetricsSnapshot s = snapshot(new MetricsModel(new SeriesCaps(10, 3)), 1_000, dump);
        assertEquals(List.of(1, 2, 3), s.listeners().stream().map(ListenerSeries::port).toList());
        assertEquals(List.of(1, 2, 3), s.queues().stream().map(ListenQueue::port).toList());
        assertEquals(new MetricsSnapshot.TruncatedSeries(0, 2, 2), s.truncated());
    }

    @Test
    void placesLabelSocketsByNamespaceAndWorkload() {
        InetSocket inPod = tcp(TcpState.ESTABLISHED, LOOPBACK, 1, 2, 1, 0, 0);
        InetSocket onHost = tcp(TcpState.ESTABLISHED, LOOPBACK, 2, 1, 2, 0, 0);
        SeriesPlace pod = SeriesPlace.of(new Netns(4026532000L, null, List.of(4242)),
                new Workload(new Workload.Container("containerd", "0123456789abcdef0123", null),
                        new Workload.Pod("shop", "cart-7d9", "uid-1"), "cri-containerd-0123.scope"));
        SeriesPlace host = SeriesPlace.of(new Netns(4026531840L, null, List.of(1)), Workload.NONE);
        assertEquals(new SeriesPlace("pid:4242", "0123456789ab", "shop/cart-7d9", "cri-containerd-0123.scope"), pod);
        MetricsSnapshot s = new MetricsModel(SeriesCaps.DEFAULTS).snapshot(1_000, List.of(inPod, onHost), ownerOf,
                NO_LIMITS, socket -> socket == inPod ? pod : host, cookie -> -1);
        assertTrue(s.placed());
        assertEquals(List.of(new SocketCount(host, "tcp", "established", 1),
                new SocketCount(pod, "tcp", "established", 1)), s.sockets());
    }
}
