package io.sockscope.cli;

import io.sockscope.kernel.NetlinkSubscription;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link TestEventReceiveBuffer}: unset keeps the usual buffer; a positive number is taken; anything else is said. */
class TestEventReceiveBufferTest {
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @Test
    void unsetKeepsTheUsualBufferSilently() {
        assertEquals(NetlinkSubscription.DEFAULT_RECEIVE_BUFFER, TestEventReceiveBuffer.bytes(Map.of(), err));
        assertEquals("", errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPositiveNumberOfBytesIsTaken() {
        assertEquals(4096, TestEventReceiveBuffer.bytes(
                Map.of(TestEventReceiveBuffer.ENVIRONMENT_VARIABLE, "4096"), err));
        assertEquals("", errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anythingElseIsIgnoredWithAWarning() {
        for (String value : new String[] {"0", "-1", "4k", "99999999999"}) {
            assertEquals(NetlinkSubscription.DEFAULT_RECEIVE_BUFFER, TestEventReceiveBuffer.bytes(
                    Map.of(TestEventReceiveBuffer.ENVIRONMENT_VARIABLE, value), err), value);
        }
        assertEquals(4, errBytes.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("sockscope: warning: ignoring SOCKSCOPE_TEST_EVENT_RCVBUF="))
                .count(), errBytes.toString(StandardCharsets.UTF_8));
    }
}
