package io.sockscope.live;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.Owner;
import io.sockscope.model.ProcessLimits;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.Timer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The leak detectors over scripted dumps: each socket's inode is its cookie, and {@link #owners} says which
 * process holds it.
 */
class LeakDetectorTest {
    private static final int SERVER = 42;
    private static final int OTHER = 77;

    private final SocketTracker tracker = new SocketTracker();
    private final Map<Long, Integer> owners = new HashMap<>();
    private final Map<Integer, ProcessLimits> limits = new HashMap<>();
    private final LeakDetector detector = new LeakDetector(LeakThresholds.DEFAULTS,
            pid -> Optional.ofNullable(limits.get(pid)));

    private static InetSocket tcp(long cookie, TcpState state, int localPort, long recvQ, long sendQ) {
        return new InetSocket(SocketTable.TCP, AddressFamily.INET, state.code(), recvQ, sendQ,
                new InetEndpoint(new byte[] {127, 0, 0, 1}, localPort),
                new InetEndpoint(new byte[] {127, 0, 0, 1}, (int) (40000 + cookie)), 0,
                state == TcpState.TIME_WAIT ? 0 : cookie, 0, cookie, Timer.OFF, 0, -1, 0, 0, 0, -1, null, null);
    }

    private InetSocket held(long cookie, TcpState state, int pid) {
        owners.put(cookie, pid);
        return tcp(cookie, state, 8080, 0, 0);
    }

    private List<Leak> look(long atMillis, List<? extends SocketRecord> dump) {
        tracker.observe(atMillis, dump,
                inode -> owners.containsKey(inode) ? List.of(new Owner("server", owners.get(inode), 0, 0)) : List.of());
        return detector.look(atMillis, tracker);
    }

    @Test
    void aSocketInCloseWaitPastTheThresholdIsALeakOfItsHolder() {
        limits.put(SERVER, new ProcessLimits(SERVER, 100, 1024, 4096));
        List<InetSocket> dump = List.of(held(1, TcpState.CLOSE_WAIT, SERVER), held(2, TcpState.ESTABLISHED, SERVER));
        assertEquals(List.of(), look(0, dump), "just seen: not yet a minute in CLOSE-WAIT");
        assertEquals(List.of(), look(59_000, dump));
        List<Leak> found = look(60_000, dump);
        assertEquals(1, found.size(), found.toString());
        Leak.CloseWait leak = assertInstanceOf(Leak.CloseWait.class, found.getFirst());
        assertEquals(SERVER, leak.process().pid());
        assertEquals(1, leak.count());
        assertEquals(1, leak.overAge());
        assertFalse(leak.rising());
        assertEquals(-1, leak.untilLimitMillis(), "not growing: no time to the limit");
        assertEquals(1, leak.evidence().size());
        assertEquals(60_000, leak.evidence().getFirst().inStateMillis());
        assertEquals("holds 1 connection in CLOSE-WAIT (1 for over 60s), not rising; 100 of 1024 descriptors open:"
                + " the peers hung up and it never called close()", leak.explanation());
    }

    @Test
    void aCloseWaitSocketNoProcessHoldsIsNotALeak() {
        List<InetSocket> dump = List.of(tcp(1, TcpState.CLOSE_WAIT, 8080, 0, 0));
        look(0, dump);
        assertEquals(List.of(), look(120_000, dump));
    }

    @Test
    void aRisingCountOfLingeringCloseWaitSocketsIsALeakWithTheTimeToTheLimit() {
        limits.put(SERVER, new ProcessLimits(SERVER, 400, 1024, 4096));
        List<InetSocket> dump = new ArrayList<>();
        List<Leak> found = List.of();
        for (int second = 0; second <= 5; second++) {
            dump.add(held(second + 1, TcpState.CLOSE_WAIT, SERVER));
            found = look(second * 1000L, List.copyOf(dump));
            if (second < 5) {
                assertEquals(List.of(), found, "second " + second);
            }
        }
        Leak.CloseWait leak = assertInstanceOf(Leak.CloseWait.class, found.getFirst());
        assertTrue(leak.rising());
        assertEquals(0, leak.overAge());
        assertEquals(6, leak.count());
        assertEquals(60.0, leak.growthPerMinute(), 0.001, "5 more in 5 seconds");
        assertEquals(624_000, leak.untilLimitMillis(), "624 descriptors left at one a second");
        assertEquals(1, leak.evidence().getFirst().socket().inode(), "the oldest first");
        assertEquals(LeakDetector.EVIDENCE_ROWS, leak.evidence().size());
    }

    @Test
    void closeWaitSocketsThatCloseByTheNextDumpAreNotALeakHoweverMany() {
        for (int second = 0; second < 60; second++) {
            List<InetSocket> dump = new ArrayList<>();
            for (int i = 0; i < 1 + second % 7; i++) {
                dump.add(held(second * 100L + i + 1, TcpState.CLOSE_WAIT, SERVER));
            }
            assertEquals(List.of(), look(second * 1000L, dump), "second " + second);
        }
    }

    @Test
    void timeWaitIsNeverALeak() {
        List<InetSocket> dump = new ArrayList<>();
        for (int i = 1; i <= 5000; i++) {
            dump.add(tcp(i, TcpState.TIME_WAIT, 8080, 0, 0));
        }
        for (int second = 0; second <= 120; second += 10) {
            assertEquals(List.of(), look(second * 1000L, dump));
        }
    }

    @Test
    void aProcessPastItsShareOfTheDescriptorLimitIsShortOfDescriptors() {
        limits.put(SERVER, new ProcessLimits(SERVER, 820, 1024, 4096));
        limits.put(OTHER, new ProcessLimits(OTHER, 700, 1024, 4096));
        List<InetSocket> dump = List.of(held(1, TcpState.ESTABLISHED, SERVER), held(2, TcpState.ESTABLISHED, OTHER));
        List<Leak> found = look(0, dump);
        assertEquals(1, found.size(), found.toString());
        Leak.DescriptorHeadroom leak = assertInstanceOf(Leak.DescriptorHeadroom.class, found.getFirst());
        assertEquals(SERVER, leak.process().pid());
        assertEquals(80, leak.percentUsed());
        assertEquals("has 820 of 1024 descriptors open (80%, past 80%): at the limit accept() and open() fail with"
                + " \"too many open files\"", leak.explanation());
    }

    @Test
    void anUnlimitedProcessIsNeverShortOfDescriptors() {
        limits.put(SERVER, new ProcessLimits(SERVER, 1_000_000, -1, -1));
        assertEquals(List.of(), look(0, List.of(held(1, TcpState.ESTABLISHED, SERVER))));
    }

    @Test
    void aListenerWhoseQueueStaysFullForThreeReadsIsNotKeepingUp() {
        owners.put(9L, SERVER);
        InetSocket full = tcp(9, TcpState.LISTEN, 8080, 128, 128);
        InetSocket nearlyFull = tcp(9, TcpState.LISTEN, 8080, 116, 128);
        InetSocket draining = tcp(9, TcpState.LISTEN, 8080, 100, 128);
        assertEquals(List.of(), look(0, List.of(full)));
        assertEquals(List.of(), look(1000, List.of(nearlyFull)));
        assertEquals(List.of(), look(2000, List.of(draining)), "below 90%: the count starts again");
        assertEquals(List.of(), look(3000, List.of(full)));
        assertEquals(List.of(), look(4000, List.of(full)));
        List<Leak> found = look(5000, List.of(full));
        Leak.AcceptQueueFull leak = assertInstanceOf(Leak.AcceptQueueFull.class, found.getFirst());
        assertEquals(128, leak.queued());
        assertEquals(3, leak.looks());
        assertEquals(SERVER, leak.process().pid());
    }

    @Test
    void aLastingLeakIsToldAgainEachMinuteAndAgainAfterItEndsAndReturns() {
        limits.put(SERVER, new ProcessLimits(SERVER, 900, 1000, 1000));
        List<InetSocket> dump = List.of(held(1, TcpState.ESTABLISHED, SERVER));
        assertEquals(1, look(0, dump).size());
        assertEquals(0, look(30_000, dump).size(), "told a minute ago at most");
        assertEquals(1, look(60_000, dump).size(), "still there a minute later");
        limits.put(SERVER, new ProcessLimits(SERVER, 10, 1000, 1000));
        assertEquals(0, look(61_000, dump).size());
        limits.put(SERVER, new ProcessLimits(SERVER, 900, 1000, 1000));
        assertEquals(1, look(62_000, dump).size(), "ended, then back: told at once");
    }
}
