package io.sockscope.inspect;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CallerThreadHandoff}: producers taking turns on threads of their own, the receiver on the test's thread —
 * every value in order, a producer held back when the receiver is slow, a throwing action that stops the producers
 * and is rethrown once they are done, and the producers' failure handed back.
 */
class CallerThreadHandoffTest {
    private static final int PER_PRODUCER = CallerThreadHandoff.BATCH_SIZE * 5 + 17;

    /** Three producers, one after the other (as a run across namespaces takes turns), then the end. */
    private static Thread produce(CallerThreadHandoff<Integer> handoff, int producers) {
        return Thread.ofPlatform().start(() -> {
            Throwable failure = null;
            try {
                for (int p = 0; p < producers; p++) {
                    int first = p * PER_PRODUCER;
                    Thread producer = Thread.ofPlatform().start(() -> {
                        for (int i = 0; i < PER_PRODUCER; i++) {
                            handoff.add(first + i);
                        }
                        handoff.flush();
                    });
                    producer.join();
                }
            } catch (InterruptedException e) {
                failure = e;
            }
            handoff.end(failure);
        });
    }

    @Test
    void everyValueArrivesInOrderOnTheReceiversThread() throws InterruptedException {
        CallerThreadHandoff<Integer> handoff = new CallerThreadHandoff<>();
        Thread producers = produce(handoff, 3);
        Thread receiver = Thread.currentThread();
        List<Integer> received = new ArrayList<>();
        Throwable failure = handoff.drainTo(value -> {
            assertSame(receiver, Thread.currentThread());
            received.add(value);
        });
        producers.join();
        assertNull(failure);
        assertEquals(3 * PER_PRODUCER, received.size());
        for (int i = 0; i < received.size(); i++) {
            assertEquals(i, received.get(i));
        }
    }

    @Test
    void aProducerWaitsWhileTheQueueIsFull() throws InterruptedException {
        CallerThreadHandoff<Integer> handoff = new CallerThreadHandoff<>();
        CountDownLatch done = new CountDownLatch(1);
        int[] added = {0};
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < CallerThreadHandoff.BATCH_SIZE * 100; i++) {
                handoff.add(i);
                added[0] = i + 1;
            }
            handoff.flush();
            handoff.end(null);
            done.countDown();
        });
        assertFalse(done.await(300, TimeUnit.MILLISECONDS), "nobody receives: the producer waits");
        int[] received = {0};
        assertNull(handoff.drainTo(value -> received[0]++));
        producer.join();
        assertEquals(CallerThreadHandoff.BATCH_SIZE * 100, received[0]);
        assertEquals(received[0], added[0]);
    }

    @Test
    void aThrowingActionStopsTheProducersAndIsRethrownOnceTheyEnded() throws InterruptedException {
        CallerThreadHandoff<Integer> handoff = new CallerThreadHandoff<>();
        AtomicReference<Throwable> stoppedWith = new AtomicReference<>();
        Thread producer = Thread.ofPlatform().start(() -> {
            Throwable failure = null;
            try {
                for (int i = 0; i < 1_000_000; i++) {
                    handoff.add(i);
                }
            } catch (RuntimeException e) {
                failure = e;
                stoppedWith.set(e);
            }
            handoff.end(failure);
        });
        IllegalStateException stop = new IllegalStateException("enough");
        int[] calls = {0};
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> handoff.drainTo(value -> {
            calls[0]++;
            throw stop;
        }));
        assertSame(stop, thrown);
        assertEquals(1, calls[0]);
        producer.join(10_000);
        assertFalse(producer.isAlive(), "the producer ended");
        assertInstanceOf(CallerThreadHandoff.Abandoned.class, stoppedWith.get());
    }

    @Test
    void theProducersFailureIsHandedBackAndAnInterruptIsKept() throws InterruptedException {
        CallerThreadHandoff<Integer> handoff = new CallerThreadHandoff<>();
        IllegalArgumentException failure = new IllegalArgumentException("a table failed");
        Thread.currentThread().interrupt();
        Thread producer = Thread.ofPlatform().start(() -> {
            handoff.add(1);
            handoff.flush();
            handoff.end(failure);
        });
        List<Integer> received = new ArrayList<>();
        assertSame(failure, handoff.drainTo(received::add));
        assertTrue(Thread.interrupted(), "the interrupt is the caller's to see");
        producer.join();
        assertEquals(List.of(1), received);
    }
}
