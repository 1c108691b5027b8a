package io.sockscope.live;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * How fast the CLOSE-WAIT sockets of each row grow: the change per minute between the oldest and the newest of
 * the last few refreshes. A connection left in CLOSE-WAIT is one the peer closed and the process never did, so a
 * count that keeps growing is a leak, where a steady one is a slow server.
 *
 * <p>Memory stays bounded: at most {@link #SAMPLES} samples per row, and a row that is not in a refresh is
 * forgotten by it. Not thread-safe.
 *
 * @param <K> what names a row (a process id, a listening port)
 */
final class CloseWaitTrend<K> {
    /** How many refreshes the trend looks back over. */
    static final int SAMPLES = 10;

    private record Sample(long atMillis, int count) {
    }

    private final Map<K, ArrayDeque<Sample>> samples = new HashMap<>();

    /** Records {@code count} for {@code key} at {@code atMillis}; returns the change per minute, NaN if unknown. */
    double record(K key, long atMillis, int count) {
        ArrayDeque<Sample> kept = samples.computeIfAbsent(key, k -> new ArrayDeque<>(SAMPLES));
        if (!kept.isEmpty() && kept.peekLast().atMillis() >= atMillis) {
            kept.pollLast(); // the same moment twice (a refresh asked for at once): the newer count holds
        }
        kept.addLast(new Sample(atMillis, count));
        while (kept.size() > SAMPLES) {
            kept.pollFirst();
        }
        Sample first = kept.peekFirst();
        Sample last = kept.peekLast();
        if (first == last) {
            return Double.NaN; // one look says nothing about a trend
        }
        return (last.count() - first.count()) * 60_000.0 / (last.atMillis() - first.atMillis());
    }

    /** Forgets every row but {@code live}: what the last refresh saw. */
    void retainOnly(Set<K> live) {
        for (Iterator<K> it = samples.keySet().iterator(); it.hasNext(); ) {
            if (!live.contains(it.next())) {
                it.remove();
            }
        }
    }

    /** How many rows are remembered. */
    int size() {
        return samples.size();
    }
}
