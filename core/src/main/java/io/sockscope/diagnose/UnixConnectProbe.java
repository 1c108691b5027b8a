package io.sockscope.diagnose;

/**
 * Tries to connect to a unix stream socket path, the one way to tell a stale socket file from one whose
 * listener lives in another network namespace. Used only when no listener in the examined namespace is bound
 * to the file.
 */
@FunctionalInterface
public interface UnixConnectProbe {
    /** The outcome of one connect attempt (closed at once when it succeeds). */
    Result connect(String path);

    /** What connect(2) said. */
    enum Result {
        /** Someone accepted the connection. */
        CONNECTED,
        /** ECONNREFUSED: nobody listens on the socket file. */
        REFUSED,
        /** EPROTOTYPE: a datagram (or seqpacket) socket is bound there. */
        WRONG_TYPE,
        /** EACCES / EPERM. */
        DENIED,
        /** ENOENT. */
        MISSING,
        /** Anything else. */
        FAILED
    }
}
