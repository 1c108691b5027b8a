package io.sockscope.procmap;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the items of one {@link WorkQueue} over a {@link ProcTree} on the calling thread plus
 * {@code parallelism - 1} helper threads, each with a session of its own, and returns once every item has run.
 * The first failure of any item is rethrown on the calling thread after all threads are done; the others keep
 * draining the queue meanwhile, so that nobody waits for an item nobody runs.
 */
final class ScanWorkers {
    private ScanWorkers() {
    }

    /**
     * Queues a scan's first items. An interface the scans implement rather than a lambda: on the owner scan's
     * path a lambda the AOT cache has not met costs milliseconds to link (docs/startup.md).
     */
    interface Producer {
        void queueFirstItems(ProcSession session);
    }

    /**
     * Holds the queue open while {@code producer} queues the first items with the calling thread's session, then
     * works until the queue is empty and no item is running.
     */
    static void run(ProcTree tree, WorkQueue queue, int parallelism, Producer producer) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        queue.hold();
        List<Thread> helpers = new ArrayList<>(Math.max(0, parallelism - 1));
        for (int i = 1; i < parallelism; i++) {
            helpers.add(Thread.ofPlatform().daemon().name("sockscope-procmap-" + i)
                    .start(() -> help(tree, queue, failure)));
        }
        try (ProcSession session = tree.openSession()) {
            try {
                producer.queueFirstItems(session);
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            } finally {
                queue.release();
            }
            work(session, queue, failure);
        }
        for (Thread helper : helpers) {
            joinUninterruptibly(helper);
        }
        Throwable problem = failure.get();
        if (problem instanceof RuntimeException e) {
            throw e;
        }
        if (problem instanceof Error e) {
            throw e;
        }
    }

    private static void help(ProcTree tree, WorkQueue queue, AtomicReference<Throwable> failure) {
        try (ProcSession session = tree.openSession()) {
            work(session, queue, failure);
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
    }

    private static void work(ProcSession session, WorkQueue queue, AtomicReference<Throwable> failure) {
        while (true) {
            try {
                queue.work(session);
                return;
            } catch (RuntimeException | Error e) {
                // Keep draining so the other threads are not left waiting for items nobody runs.
                failure.compareAndSet(null, e);
            }
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
