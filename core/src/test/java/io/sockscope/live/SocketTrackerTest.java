package io.sockscope.live;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.Timer;
import io.sockscope.model.UnixSocket;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SocketTracker}: dumps compared by cookie, destroy events between them, ages, bounded memory. */
class SocketTrackerTest {
    private static InetSocket tcp(long cookie, TcpState state, long inode) {
        InetEndpoint any = new InetEndpoint(new byte[4], 0);
        return new InetSocket(SocketTable.TCP, AddressFamily.INET, state.code(), 0, 0,
                new InetEndpoint(new byte[] {127, 0, 0, 1}, 8080), any, 0, inode, 0, cookie, Timer.OFF, 0, -1, 0, 0,
                0, -1, null, null);
    }

    private static UnixSocket unix(long inode) {
        return new UnixSocket(SocketTable.UNIX_STREAM, TcpState.LISTEN.code(), 0, 16, null, inode, 0, null, -1, -1,
                -1, null, -1, null);
    }

    @Test
    void theFirstDumpIsTheBaselineAndTellsNothing() {
        SocketTracker tracker = new SocketTracker();
        assertEquals(List.of(), tracker.observe(1_000, List.of(tcp(1, TcpState.LISTEN, 10), unix(20))));
        assertTrue(tracker.baselined());
        assertEquals(2, tracker.size());
    }

    @Test
    void opensStateChangesAndClosesAreToldWithTheirAges() {
        SocketTracker tracker = new SocketTracker();
        tracker.observe(1_000, List.of(tcp(1, TcpState.ESTABLISHED, 10)));
        List<SocketEvent> second = tracker.observe(2_000, List.of(tcp(1, TcpState.CLOSE_WAIT, 10),
                tcp(2, TcpState.ESTABLISHED, 11)));
        assertEquals(2, second.size());
        SocketEvent.StateChanged changed = assertInstanceOf(SocketEvent.StateChanged.class, second.get(0));
        assertEquals(TcpState.ESTABLISHED.code(), changed.from());
        assertEquals(TcpState.CLOSE_WAIT.code(), changed.to());
        assertEquals(new Age(1_000, Age.Source.LOWER_BOUND), changed.age(), "there when watching began");
        SocketEvent.Opened opened = assertInstanceOf(SocketEvent.Opened.class, second.get(1));
        assertEquals(new Age(0, Age.Source.OBSERVED), opened.age());

        List<SocketEvent> third = tracker.observe(3_500, List.of(tcp(1, TcpState.CLOSE_WAIT, 10)));
        SocketEvent.Closed closed = assertInstanceOf(SocketEvent.Closed.class, third.getFirst());
        assertEquals(2, ((InetSocket) closed.socket()).cookie());
        assertEquals(new Age(1_500, Age.Source.OBSERVED), closed.age());
        assertEquals(1, tracker.size(), "a closed socket is forgotten");
    }

    @Test
    void aConnectionShorterThanAnIntervalStillOpensAndCloses() {
        SocketTracker tracker = new SocketTracker();
        tracker.observe(0, List.of());
        List<SocketEvent> events = tracker.destroyed(400, tcp(7, TcpState.CLOSE, 0));
        assertEquals(2, events.size());
        assertInstanceOf(SocketEvent.Opened.class, events.get(0));
        assertInstanceOf(SocketEvent.Closed.class, events.get(1));
        assertEquals(List.of(), tracker.observe(1_000, List.of(tcp(7, TcpState.ESTABLISHED, 30))),
                "a dump taken before the destroy event does not open it again");
        assertEquals(0, tracker.size());
    }

    @Test
    void aDestroyedSocketTheDumpsSawClosesOnceWithItsAge() {
        SocketTracker tracker = new SocketTracker();
        tracker.observe(0, List.of());
        tracker.observe(1_000, List.of(tcp(3, TcpState.ESTABLISHED, 12)));
        List<SocketEvent> events = tracker.destroyed(1_250, tcp(3, TcpState.CLOSE, 0));
        SocketEvent.Closed closed = assertInstanceOf(SocketEvent.Closed.class, events.getFirst());
        assertEquals(new Age(250, Age.Source.OBSERVED), closed.age());
        assertEquals(List.of(), tracker.destroyed(1_300, tcp(3, TcpState.CLOSE, 0)), "told once");
        assertEquals(List.of(), tracker.observe(2_000, List.of()), "and not closed again by the next dump");
    }

    @Test
    void aDestroyEventTakenAfterTheDumpThatFoundTheSocketGoneTellsNothingMore() {
        SocketTracker tracker = new SocketTracker();
        tracker.observe(0, List.of());
        tracker.observe(1_000, List.of(tcp(5, TcpState.LAST_ACK, 15)));
        List<SocketEvent> gone = tracker.observe(2_000, List.of());
        assertInstanceOf(SocketEvent.Closed.class, gone.getFirst());
        assertEquals(List.of(), tracker.destroyed(1_990, tcp(5, TcpState.CLOSE, 0)),
                "the kernel sent the event after the socket left the table: its close was told");
        assertEquals(List.of(), tracker.observe(3_000, List.of()));
    }

    @Test
    void aSocketADumpClosedWaitsForItsDestroyEventOnlySoLong() {
        SocketTracker tracker = new SocketTracker();
        tracker.observe(0, List.of());
        tracker.observe(1_000, List.of(tcp(6, TcpState.ESTABLISHED, 16)));
        tracker.observe(2_000, List.of());
        tracker.observe(2_000 + SocketTracker.LATE_DESTROY_MILLIS + 1, List.of());
        assertEquals(2, tracker.destroyed(2_000 + SocketTracker.LATE_DESTROY_MILLIS + 2, tcp(6, TcpState.CLOSE, 0))
                .size(), "forgotten once its event is long overdue (it was dropped): memory stays bounded");
    }

    @Test
    void theTimeWaitEntryLeftByADestroyedConnectionDoesNotOpenIt() {
        SocketTracker tracker = new SocketTracker();
        tracker.observe(0, List.of(tcp(4, TcpState.ESTABLISHED, 14)));
        assertEquals(1, tracker.destroyed(500, tcp(4, TcpState.CLOSE, 0)).size());
        for (long at = 1_000; at <= 3_000; at += 1_000) {
            assertEquals(List.of(), tracker.observe(at, List.of(tcp(4, TcpState.FIN_WAIT2, 0))),
                    "the kernel lists the time-wait entry with the destroyed socket's cookie");
        }
        assertEquals(List.of(), tracker.observe(4_000, List.of()));
        assertEquals(0, tracker.size());
    }

    @Test
    void aTimeWaitEntryUnderANewCookieIsKnownByItsEndpoints() {
        SocketTracker tracker = new SocketTracker();
        tracker.observe(0, List.of());
        assertEquals(2, tracker.destroyed(100, tcp(8, TcpState.CLOSE, 0)).size());
        assertEquals(List.of(), tracker.observe(1_000, List.of(tcp(9, TcpState.TIME_WAIT, 0))),
                "the kernel gave the time-wait entry a cookie of its own");
        assertEquals(List.of(), tracker.observe(2_000, List.of()));
        assertEquals(1, tracker.observe(3_000, List.of(tcp(10, TcpState.TIME_WAIT, 0))).size(),
                "once the entry is gone, the endpoints are a new connection's");
    }

    @Test
    void socketsWithoutCookieAreFollowedByInodeAndThoseWithNeitherAreNot() {
        SocketTracker tracker = new SocketTracker();
        tracker.observe(0, List.of(unix(5), tcp(0, TcpState.TIME_WAIT, 0)));
        assertEquals(1, tracker.size(), "a TIME-WAIT row from /proc has neither cookie nor inode");
        List<SocketEvent> events = tracker.observe(1_000, List.of());
        assertEquals(5, assertInstanceOf(SocketEvent.Closed.class, events.getFirst()).socket().inode());
    }

    @Test
    void memoryFollowsTheTableNotTheTimeWatched() {
        SocketTracker tracker = new SocketTracker();
        tracker.observe(0, List.of());
        long cookie = 1;
        for (int round = 1; round <= 200; round++) {
            List<SocketRecord> dump = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                dump.add(tcp(cookie++, TcpState.ESTABLISHED, cookie));
            }
            tracker.observe(round * 1_000L, dump);
            assertEquals(100, tracker.size(), "only the live sockets are kept");
        }
    }
}
