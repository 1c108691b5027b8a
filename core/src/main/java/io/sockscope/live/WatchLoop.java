package io.sockscope.live;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The heart of {@code watch}: reads the table every interval and compares it with the last ({@link SocketTracker}),
 * and between dumps takes the destroy events another thread queues, so that a socket that lives less than an
 * interval still opens and closes. When the kernel says it dropped events, it tells a resync and dumps at once,
 * then keeps its rhythm from there. The events taken before a dump came due are told before it, so that the
 * stream keeps time order to within the time telling them takes.
 *
 * <p>Single-threaded: only the queue is shared. The first dump is the baseline: it tells no socket event, but the
 * leak detectors already look at it (a socket there in CLOSE-WAIT is aged from then).
 */
public final class WatchLoop<X extends Exception> {
    /** The longest wait between looks at the stop flag, so that a signal is answered promptly. */
    static final long STOP_POLL_MILLIS = 100;

    private final SocketTracker tracker = new SocketTracker();
    private final TableDump<X> dump;
    private final BlockingQueue<DestroyNotice> notices;
    private final LongSupplier clock;
    private final long intervalMillis;
    private final WatchSink sink;
    private final LeakDetector leaks;
    private final OwnerLookup owners;
    /** When the next dump is due, on the loop's clock. */
    private long nextDump;

    /**
     * @param clock          milliseconds, the moments events carry ({@code System::currentTimeMillis})
     * @param intervalMillis the time between two dumps, at least 1
     * @param leaks          the detectors run after each dump, or null for none
     * @param owners         who holds a socket, from the owner scan of the dump just read
     */
    public WatchLoop(TableDump<X> dump, BlockingQueue<DestroyNotice> notices, LongSupplier clock,
                     long intervalMillis, WatchSink sink, LeakDetector leaks, OwnerLookup owners) {
        if (intervalMillis < 1) {
            throw new IllegalArgumentException("interval must be positive: " + intervalMillis);
        }
        this.dump = dump;
        this.notices = notices;
        this.clock = clock;
        this.intervalMillis = intervalMillis;
        this.sink = sink;
        this.leaks = leaks;
        this.owners = owners;
    }

    /** Watches until {@code stopped} says so (asked at least every tenth of a second). */
    public void run(BooleanSupplier stopped) throws X, IOException, InterruptedException {
        dumpNow();
        while (!stopped.getAsBoolean()) {
            long now = clock.getAsLong();
            if (now < nextDump) {
                take(notices.poll(Math.min(nextDump - now, STOP_POLL_MILLIS), TimeUnit.MILLISECONDS));
                continue;
            }
            // Events taken before now happened before the dump: told first, so that the stream stays in time
            // order. Only those: a steady stream of later ones cannot put the dump off.
            while (now >= nextDump) {
                DestroyNotice older = takenBefore(now);
                if (older == null) {
                    dumpNow();
                    break;
                }
                take(older);
            }
        }
    }

    /** Tells a notice; a loss is told as a resync and makes the dump due now. */
    private void take(DestroyNotice notice) throws X, IOException {
        switch (notice) {
            case null -> {
            }
            case DestroyNotice.Destroyed d -> tell(tracker.destroyed(d.atMillis(), d.socket()));
            case DestroyNotice.EventsLost lost -> {
                sink.resync(lost.atMillis());
                // Later overflows are covered by the dump about to be taken.
                notices.removeIf(n -> n instanceof DestroyNotice.EventsLost);
                nextDump = Math.min(nextDump, clock.getAsLong());
            }
        }
    }

    /** The oldest notice waiting, taken off the queue, if it was received before {@code millis}; else null. */
    private DestroyNotice takenBefore(long millis) {
        DestroyNotice oldest = notices.peek();
        return oldest != null && oldest.atMillis() < millis ? notices.poll() : null;
    }

    /** How many sockets are followed now. */
    public int followed() {
        return tracker.size();
    }

    /** Dumps, tells what changed and what leaks, and sets when the next dump is due. */
    private void dumpNow() throws X, IOException {
        long started = clock.getAsLong();
        List<SocketEvent> events = tracker.observe(started, dump.read(), owners);
        for (SocketEvent e : events) {
            sink.event(e);
        }
        if (leaks != null) {
            for (Leak leak : leaks.look(started, tracker)) {
                sink.leak(leak);
            }
        }
        sink.flush();
        nextDump = started + intervalMillis;
    }

    private void tell(List<SocketEvent> events) throws IOException {
        for (SocketEvent e : events) {
            sink.event(e);
        }
        sink.flush();
    }
}
