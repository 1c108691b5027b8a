package io.sockscope.cli;

import io.sockscope.kernel.Errno;
import io.sockscope.kernel.NetlinkException;
import io.sockscope.live.DestroyNotice;
import io.sockscope.model.SocketRecord;
import io.sockscope.query.EventSink;
import io.sockscope.query.Query;
import io.sockscope.query.QueryEngine;

import java.io.PrintStream;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Follows the kernel's destroy events for {@code watch} on a thread of its own ({@link QueryEngine#follow}) and
 * queues each as a {@link DestroyNotice} for the watch loop; a dropped batch ({@code ENOBUFS}) is queued as
 * {@link DestroyNotice.EventsLost}. When the groups cannot be joined (no {@code CAP_NET_ADMIN}) it says so once
 * and ends: the dumps alone still see every socket that lives longer than an interval.
 */
final class DestroyFollower implements EventSink {
    /** Beyond this many unread notices the loop is far behind: they are dropped for a resync. */
    private static final int QUEUE_LIMIT = 65_536;

    private final BlockingQueue<DestroyNotice> notices;
    private final LongSupplier clock;
    private final Consumer<SocketRecord> noted;

    private DestroyFollower(BlockingQueue<DestroyNotice> notices, LongSupplier clock, Consumer<SocketRecord> noted) {
        this.notices = notices;
        this.clock = clock;
        this.noted = noted;
    }

    /** The capacity the queue handed to {@link #start} should have. */
    static int queueCapacity() {
        return QUEUE_LIMIT;
    }

    /**
     * Starts following on a daemon thread until {@code stopped}; returns the thread.
     *
     * @param engine      an engine of the follower's own: an engine serves one thread at a time
     * @param receiveBufferBytes the subscription's receive buffer: the kernel's default, or what a test asks for
     *                    ({@link TestEventReceiveBuffer})
     */
    static Thread start(QueryEngine engine, Query query, BlockingQueue<DestroyNotice> notices, LongSupplier clock,
                        int receiveBufferBytes, PrintStream err, java.util.function.BooleanSupplier stopped) {
        return start(engine, query, notices, clock, receiveBufferBytes, err, stopped, socket -> { });
    }

    /**
     * As {@link #start(QueryEngine, Query, BlockingQueue, LongSupplier, int, PrintStream,
     * java.util.function.BooleanSupplier)}, handing each destroyed socket to {@code noted} before it is queued. The
     * thread is made by the calling one, and so starts in the calling thread's network namespace.
     */
    static Thread start(QueryEngine engine, Query query, BlockingQueue<DestroyNotice> notices, LongSupplier clock,
                        int receiveBufferBytes, PrintStream err, java.util.function.BooleanSupplier stopped,
                        Consumer<SocketRecord> noted) {
        DestroyFollower sink = new DestroyFollower(notices, clock, noted);
        Thread thread = new Thread(() -> {
            try {
                engine.follow(query, sink, stopped, receiveBufferBytes);
            } catch (NetlinkException e) {
                String hint = e.errno() == Errno.EPERM ? " (it needs CAP_NET_ADMIN)" : "";
                err.println("sockscope: warning: cannot follow destroy events: " + e.getMessage() + hint
                        + "; sockets shorter than the interval will not be seen");
            }
        }, "sockscope-destroy-events");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void accept(SocketRecord socket) {
        noted.accept(socket);
        queue(new DestroyNotice.Destroyed(clock.getAsLong(), socket));
    }

    @Override
    public void eventEnded() {
        // Each notice is queued as it comes; the loop flushes what it writes.
    }

    @Override
    public boolean eventsLost() {
        queue(new DestroyNotice.EventsLost(clock.getAsLong()));
        return true;
    }

    private void queue(DestroyNotice notice) {
        if (!notices.offer(notice)) {
            // The loop will read the table again: the queued events are worth nothing more than that dump.
            notices.clear();
            notices.offer(new DestroyNotice.EventsLost(notice.atMillis()));
        }
    }
}
