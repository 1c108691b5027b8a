package io.sockscope.live;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.Timer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link WatchLoop} over a scripted table and queue: the interval, destroy events between dumps, resync. */
class WatchLoopTest {
    private static InetSocket tcp(long cookie, TcpState state) {
        return new InetSocket(SocketTable.TCP, AddressFamily.INET, state.code(), 0, 0,
                new InetEndpoint(new byte[] {127, 0, 0, 1}, 9000), new InetEndpoint(new byte[4], 0), 0, cookie, 0,
                cookie, Timer.OFF, 0, -1, 0, 0, 0, -1, null, null);
    }

    /** Writes each event as a word: open:COOKIE, state:COOKIE, close:COOKIE, resync. */
    private static final class Recorder implements WatchSink {
        final List<String> told = new ArrayList<>();

        @Override
        public void event(SocketEvent event) {
            String kind = switch (event) {
                case SocketEvent.Opened o -> "open";
                case SocketEvent.StateChanged s -> "state";
                case SocketEvent.Closed c -> "close";
            };
            told.add(kind + ":" + ((InetSocket) event.socket()).cookie());
        }

        @Override
        public void leak(Leak leak) {
            told.add("leak:" + leak.kind());
        }

        @Override
        public void resync(long atMillis) {
            told.add("resync");
        }

        @Override
        public void flush() {
        }
    }

    @Test
    void aDestroyEventBetweenDumpsOpensAndClosesAShortConnection() throws Exception {
        LinkedBlockingQueue<DestroyNotice> queue = new LinkedBlockingQueue<>();
        AtomicInteger dumps = new AtomicInteger();
        Recorder sink = new Recorder();
        WatchLoop<RuntimeException> loop = new WatchLoop<>(() -> {
            if (dumps.incrementAndGet() == 1) {
                queue.add(new DestroyNotice.Destroyed(System.currentTimeMillis(), tcp(7, TcpState.CLOSE)));
            }
            return List.<SocketRecord>of(tcp(1, TcpState.LISTEN));
        }, queue, System::currentTimeMillis, 10_000, sink, null, inode -> List.of());
        loop.run(() -> !sink.told.isEmpty() && queue.isEmpty());
        assertEquals(List.of("open:7", "close:7"), sink.told);
        assertEquals(1, dumps.get(), "no second dump within the interval");
        assertEquals(1, loop.followed());
    }

    @Test
    void dumpsFollowTheIntervalAndTellWhatChanged() throws Exception {
        List<List<SocketRecord>> script = List.of(List.of(tcp(1, TcpState.ESTABLISHED)),
                List.of(tcp(1, TcpState.CLOSE_WAIT), tcp(2, TcpState.ESTABLISHED)), List.of(tcp(2, TcpState.ESTABLISHED)));
        AtomicInteger dumps = new AtomicInteger();
        Recorder sink = new Recorder();
        long started = System.nanoTime();
        new WatchLoop<RuntimeException>(() -> script.get(Math.min(dumps.getAndIncrement(), 2)),
                new LinkedBlockingQueue<>(), System::currentTimeMillis, 30, sink, null, inode -> List.of())
                .run(() -> dumps.get() >= 3);
        assertEquals(List.of("state:1", "open:2", "close:1"), sink.told);
        assertTrue(System.nanoTime() - started >= 60_000_000L, "two intervals passed between three dumps");
    }

    @Test
    void destroyEventsTakenBeforeADueDumpAreToldBeforeIt() throws Exception {
        LinkedBlockingQueue<DestroyNotice> queue = new LinkedBlockingQueue<>();
        AtomicLong clock = new AtomicLong();
        AtomicInteger dumps = new AtomicInteger();
        Recorder sink = new Recorder();
        new WatchLoop<RuntimeException>(() -> {
            if (dumps.incrementAndGet() == 1) {
                // The loop falls behind: socket 3 is destroyed at 50, and the next dump, due at 100, starts at 200.
                queue.add(new DestroyNotice.Destroyed(50, tcp(3, TcpState.CLOSE)));
                clock.set(200);
                return List.<SocketRecord>of(tcp(3, TcpState.ESTABLISHED));
            }
            return List.<SocketRecord>of(tcp(4, TcpState.ESTABLISHED));
        }, queue, clock::get, 100, sink, null, inode -> List.of()).run(() -> dumps.get() >= 2);
        assertEquals(List.of("close:3", "open:4"), sink.told, "in the order they happened");
    }

    @Test
    void eventsTakenAfterALossButBeforeTheResyncDumpAreToldBeforeIt() throws Exception {
        LinkedBlockingQueue<DestroyNotice> queue = new LinkedBlockingQueue<>();
        AtomicLong clock = new AtomicLong();
        AtomicInteger dumps = new AtomicInteger();
        Recorder sink = new Recorder();
        new WatchLoop<RuntimeException>(() -> {
            if (dumps.incrementAndGet() == 1) {
                // The kernel reports the overflow before the events it had queued, which the follower takes next.
                queue.add(new DestroyNotice.EventsLost(10));
                queue.add(new DestroyNotice.Destroyed(20, tcp(5, TcpState.CLOSE)));
                clock.set(30);
                return List.<SocketRecord>of();
            }
            return List.<SocketRecord>of(tcp(6, TcpState.ESTABLISHED));
        }, queue, clock::get, 1_000, sink, null, inode -> List.of()).run(() -> dumps.get() >= 2);
        assertEquals(List.of("resync", "open:5", "close:5", "open:6"), sink.told);
    }

    @Test
    void lostEventsAreToldAsAResyncAndTheTableIsReadAtOnce() throws Exception {
        LinkedBlockingQueue<DestroyNotice> queue = new LinkedBlockingQueue<>();
        AtomicInteger dumps = new AtomicInteger();
        Recorder sink = new Recorder();
        new WatchLoop<RuntimeException>(() -> {
            if (dumps.incrementAndGet() == 1) {
                queue.add(new DestroyNotice.EventsLost(System.currentTimeMillis()));
                queue.add(new DestroyNotice.EventsLost(System.currentTimeMillis()));
                return List.<SocketRecord>of(tcp(1, TcpState.ESTABLISHED));
            }
            return List.<SocketRecord>of();
        }, queue, System::currentTimeMillis, 60_000, sink, null, inode -> List.of()).run(() -> dumps.get() >= 2);
        assertEquals(List.of("resync", "close:1"), sink.told, "one resync for both overflows, then the fresh dump");
    }
}
