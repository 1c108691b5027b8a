package io.sockscope.procmap;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The scan's shared to-do list. Work is done when no item is queued and none is running (items may add
 * more items while they run), which {@link #take()} reports by returning {@code null} to every worker.
 * Items pushed to the front are taken first: splitting a large fd directory puts its pieces there so
 * that idle workers help finish it and its descriptor is closed soon.
 */
final class WorkQueue {
    /** A unit of work, run with the running thread's session. */
    @FunctionalInterface
    interface Item {
        void run(ProcSession session);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Item> items = new ArrayDeque<>();
    /** Items queued or running, plus holds. */
    private int pending;

    /** Keeps the queue open while the caller is still producing the first items. */
    void hold() {
        lock.lock();
        try {
            pending++;
        } finally {
            lock.unlock();
        }
    }

    /** Ends a {@link #hold()}. */
    void release() {
        finished();
    }

    void pushBack(Item item) {
        push(item, false);
    }

    void pushFront(Item item) {
        push(item, true);
    }

    private void push(Item item, boolean front) {
        lock.lock();
        try {
            pending++;
            if (front) {
                items.addFirst(item);
            } else {
                items.addLast(item);
            }
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next item, waiting while others may still produce some; {@code null} once all work is done.
     * Every item returned must be followed by {@link #finished()}.
     */
    Item take() {
        lock.lock();
        try {
            while (items.isEmpty()) {
                if (pending == 0) {
                    return null;
                }
                changed.awaitUninterruptibly();
            }
            return items.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /** Marks one taken item (or a hold) as done. */
    void finished() {
        lock.lock();
        try {
            if (--pending == 0) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs items until all work is done. */
    void work(ProcSession session) {
        for (Item item; (item = take()) != null; ) {
            try {
                item.run(session);
            } finally {
                finished();
            }
        }
    }
}
