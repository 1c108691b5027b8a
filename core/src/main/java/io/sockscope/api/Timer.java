package io.sockscope.api;

/**
 * A socket's pending timer, as ss prints it with {@code -o}. Made by the library only; accessors may be added in
 * a later version (docs/library.md, Compatibility).
 */
public sealed interface Timer permits TimerRecord {
    /**
     * {@return which timer} {@code on} (retransmit), {@code keepalive}, {@code timewait}, {@code persist} (zero
     * window probe) or {@code unknown}.
     */
    String name();

    /** {@return the milliseconds until it fires} */
    long expiresMillis();

    /** {@return the retransmissions (or probes) so far} */
    int retransmits();
}
