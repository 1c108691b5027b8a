package io.sockscope.api;

/**
 * A socket's pending timer, as ss prints it with {@code -o}.
 *
 * @param name          {@code on} (retransmit), {@code keepalive}, {@code timewait}, {@code persist} (zero
 *                      window probe) or {@code unknown}
 * @param expiresMillis milliseconds until it fires
 * @param retransmits   retransmissions (or probes) so far
 */
public record Timer(String name, long expiresMillis, int retransmits) {
}
