package io.sockscope.junit;

import org.opentest4j.AssertionFailedError;

import java.util.List;

/**
 * The failure of a test that left sockets open: its message is the table of them in ss's format; {@link #leaks()}
 * gives them as values. Also thrown by {@link SocketAssertions#assertNoCloseWait()}.
 */
public final class SocketLeakError extends AssertionFailedError {
    private static final long serialVersionUID = 1L;

    /** Not serialized: a deserialized failure keeps its message, which holds the whole table. */
    private final transient List<LeakedSocket> leaks;

    SocketLeakError(String message, List<LeakedSocket> leaks) {
        super(message);
        this.leaks = List.copyOf(leaks);
    }

    /** {@return the sockets left open, in the order of the message's table; empty after deserialization} */
    public List<LeakedSocket> leaks() {
        return leaks == null ? List.of() : leaks;
    }
}
