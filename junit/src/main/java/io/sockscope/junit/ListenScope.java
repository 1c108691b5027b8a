package io.sockscope.junit;

/** Which addresses a listener should accept connections on, for {@link SocketAssertions#assertListening}. */
public enum ListenScope {
    /**
     * Loopback only: every listener on the port is bound to {@code 127.0.0.0/8} or {@code ::1}; one on the wildcard
     * or another address fails (the port would be reachable from other hosts).
     */
    LOOPBACK,
    /**
     * Every address: a listener on the port is bound to the wildcard ({@code 0.0.0.0}, or {@code ::}); one bound to
     * loopback only fails (other hosts could not connect: the bind-address pitfall).
     */
    ANY
}
