package io.sockscope.cli;

import io.sockscope.kernel.NetlinkSubscription;

import java.io.PrintStream;
import java.util.Map;

/**
 * Test-only: the receive buffer {@code watch}'s destroy-event subscription asks for when
 * {@value #ENVIRONMENT_VARIABLE} names one (bytes, as {@code SO_RCVBUF} takes them). A tiny buffer lets a test
 * make the kernel drop events with a modest burst of connections, so that watch's {@code resync} can be checked
 * against the real kernel. Users have no reason to set it: unset, the subscription keeps sockscope's usual buffer.
 */
final class TestEventReceiveBuffer {
    /** The variable a test sets; read through the command's environment, never {@code System.getenv}. */
    static final String ENVIRONMENT_VARIABLE = "SOCKSCOPE_TEST_EVENT_RCVBUF";

    private TestEventReceiveBuffer() {
    }

    /**
     * The buffer {@code environment} asks for, or {@link NetlinkSubscription#DEFAULT_RECEIVE_BUFFER}; a value that
     * is not a positive number is ignored with a warning, since a test that set it meant something by it.
     */
    static int bytes(Map<String, String> environment, PrintStream err) {
        String value = environment.get(ENVIRONMENT_VARIABLE);
        if (value == null || value.isEmpty()) {
            return NetlinkSubscription.DEFAULT_RECEIVE_BUFFER;
        }
        try {
            int bytes = Integer.parseInt(value);
            if (bytes > 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // Said below, as a value out of range is.
        }
        err.println("sockscope: warning: ignoring " + ENVIRONMENT_VARIABLE + "=" + value
                + ": not a positive number of bytes");
        return NetlinkSubscription.DEFAULT_RECEIVE_BUFFER;
    }
}
