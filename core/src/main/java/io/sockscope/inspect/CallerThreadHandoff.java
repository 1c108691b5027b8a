package io.sockscope.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Carries values made on other threads to the one thread that waits for them ({@link #drainTo}), in the order they
 * were made, in batches through a bounded queue: a producer that runs ahead waits, so memory does not grow with
 * the number of values. Producers take turns (one at a time, each call of one happening before the next one's,
 * as a run across namespaces calls its sink); {@link #end} is called once, when they are all done.
 *
 * <p>When the receiving action throws, the receiver stops handing values to it and keeps taking batches until the
 * end, so that no producer stays blocked; the next {@link #add} throws {@link Abandoned}, which ends the run.
 *
 * @param <T> what is carried
 */
final class CallerThreadHandoff<T> {
    /**
     * Values per batch: the queue's lock is taken once per batch, not once per value, and a batch is small enough
     * that the first values reach the receiver soon.
     */
    static final int BATCH_SIZE = 256;
    private static final int BATCHES_QUEUED = 8;

    /** A batch of values, or the end with the producers' failure (null when none). */
    private record Batch<T>(List<T> values, Throwable failure, boolean end) {
    }

    private final BlockingQueue<Batch<T>> queue = new ArrayBlockingQueue<>(BATCHES_QUEUED);
    /** Set by the receiver when its action threw: producers stop at their next value. */
    private volatile boolean abandoned;
    /** The batch being filled; the producers' alone, taken in turns. */
    private List<T> filling = new ArrayList<>(BATCH_SIZE);

    /**
     * Adds a value, queueing the batch when it is full (waiting while the queue is).
     *
     * @throws Abandoned when the receiver's action threw
     */
    void add(T value) {
        if (abandoned) {
            throw new Abandoned();
        }
        filling.add(value);
        if (filling.size() == BATCH_SIZE) {
            flush();
        }
    }

    /** Queues the values added since the last batch, if any: a producer's turn is over. */
    void flush() {
        if (!filling.isEmpty()) {
            put(new Batch<>(filling, null, false));
            filling = new ArrayList<>(BATCH_SIZE);
        }
    }

    /** The producers are done; {@code failure} is what ended them early, or null. Values not flushed are dropped. */
    void end(Throwable failure) {
        put(new Batch<>(List.of(), failure, true));
    }

    /**
     * Hands every value to {@code action} on the calling thread, in order, until {@link #end}; an interrupt is
     * kept for the caller and does not stop the wait.
     *
     * @return the failure {@link #end} was given, or null
     * @throws RuntimeException or Error: what {@code action} threw, once the producers have ended
     */
    Throwable drainTo(Consumer<? super T> action) {
        Throwable thrown = null;
        boolean interrupted = false;
        Batch<T> batch;
        while (true) {
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                interrupted = true;
                continue;
            }
            if (batch.end()) {
                break;
            }
            if (thrown != null) {
                continue; // the producers are being stopped: their values go nowhere
            }
            try {
                for (T value : batch.values()) {
                    action.accept(value);
                }
            } catch (RuntimeException | Error e) {
                thrown = e;
                abandoned = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        switch (thrown) {
            case null -> {
                return batch.failure();
            }
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(thrown);
        }
    }

    private void put(Batch<T> batch) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(batch);
                break;
            } catch (InterruptedException e) {
                // The receiver takes until the end: the wait is short, and the batch must not be lost.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends a producer once the receiver's action threw. Carries no stack: it is control flow, never shown. */
    static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abandoned() {
            super("the receiver stopped", null, false, false);
        }
    }
}
