package io.sockscope.export;

import java.util.HashMap;
import java.util.Map;

/**
 * How long each CLOSE-WAIT socket has been in that state at least, by its cookie: from the first snapshot that
 * saw it there, pushed back by the time since it last received an ACK ({@code tcp_info}'s
 * {@code tcpi_last_ack_recv}: the peer's FIN carried one, and a peer that has closed sends nothing newer unless
 * this side still sends), so that an exporter started beside an old leak reports its age at once.
 *
 * <p>Keeps the sockets the last snapshot saw in CLOSE-WAIT and nothing else. Not thread-safe.
 */
final class CloseWaitClock {
    private Map<Long, Long> since = new HashMap<>();
    private Map<Long, Long> seenNow = new HashMap<>();

    /**
     * The age in milliseconds of the CLOSE-WAIT socket {@code cookie} seen at {@code nowMillis};
     * {@code idleMillis} is its time since the last ACK it received, or a negative number when unknown.
     */
    long ageMillis(long cookie, long nowMillis, long idleMillis) {
        long start = nowMillis - Math.max(0, idleMillis);
        Long before = since.get(cookie);
        if (before != null && before < start) {
            start = before;
        }
        seenNow.put(cookie, start);
        return nowMillis - start;
    }

    /** Ends a snapshot: forgets the sockets it did not see in CLOSE-WAIT. */
    void endSnapshot() {
        Map<Long, Long> kept = seenNow;
        seenNow = since;
        seenNow.clear();
        since = kept;
    }
}
