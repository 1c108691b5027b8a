package io.sockscope.kernel;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackgroundDumpTest {
    /** A handler under its own method name, for the tests' lambdas. */
    @FunctionalInterface
    private interface BytesHandler extends NetlinkMessageHandler {
        void onBytes(int type, int flags, byte[] buffer, int offset, int length);

        @Override
        default void onMessage(int type, int flags, byte[] buffer, int offset, int length) {
            onBytes(type, flags, buffer, offset, length);
        }
    }

    /** A message whose payload is {@code length} bytes counting up from {@code first}. */
    private static byte[] payload(int first, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return bytes;
    }

    private record Message(int type, int flags, byte[] payload) {
    }

    private static List<Message> script(int count) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Sizes from empty to larger than a chunk, so that chunks fill unevenly and one message needs its own.
            int length = i == count / 2 ? 100_000 : (i * 37) % 700;
            messages.add(new Message(16 + i % 5, i, payload(i, length)));
        }
        return messages;
    }

    private static List<Message> handOut(List<Message> script, long budget, Throwable failure) throws Exception {
        List<Message> got = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        BackgroundDump.run("test-receiver", forward -> {
            threads.add(Thread.currentThread().getName());
            for (Message m : script) {
                // Offered at an offset inside a larger array, as a dump offers a message of its datagram.
                byte[] datagram = new byte[m.payload.length + 24];
                System.arraycopy(m.payload, 0, datagram, 20, m.payload.length);
                forward.onMessage(m.type, m.flags, datagram, 20, m.payload.length);
            }
            if (failure instanceof NetlinkException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
        }, (BytesHandler) (type, flags, buffer, offset, length) -> {
            byte[] copy = new byte[length];
            System.arraycopy(buffer, offset, copy, 0, length);
            got.add(new Message(type, flags, copy));
        }, budget);
        assertEquals(List.of("test-receiver"), threads);
        return got;
    }

    private static void assertSameMessages(List<Message> expected, List<Message> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).type, actual.get(i).type, "type of message " + i);
            assertEquals(expected.get(i).flags, actual.get(i).flags, "flags of message " + i);
            assertArrayEquals(expected.get(i).payload, actual.get(i).payload, "payload of message " + i);
        }
    }

    @Test
    void everyMessageArrivesInOrderOnTheCallingThread() throws Exception {
        List<Message> script = script(5000);
        assertSameMessages(script, handOut(script, 64 * 1024, null));
        assertSameMessages(script, handOut(script, 16L << 20, null));
    }

    @Test
    void aFailureOfTheReceiverComesAfterTheMessagesBeforeIt() throws Exception {
        List<Message> script = script(300);
        NetlinkException failure = NetlinkException.ofSyscall("recvmsg", Errno.EPERM);
        List<Message> got = new ArrayList<>();
        NetlinkException thrown = assertThrows(NetlinkException.class, () -> BackgroundDump.run("r", forward -> {
            for (Message m : script) {
                forward.onMessage(m.type, m.flags, m.payload, 0, m.payload.length);
            }
            throw failure;
        }, (BytesHandler) (type, flags, buffer, offset, length) -> got.add(new Message(type, flags, new byte[0])), 64 * 1024));
        assertSame(failure, thrown);
        assertEquals(script.size(), got.size());
        IllegalStateException bug = new IllegalStateException("bug");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> handOut(script, 1 << 20, bug)));
    }

    @Test
    void aFailingHandlerStopsTheReceiver() {
        AtomicBoolean receiverEnded = new AtomicBoolean();
        List<Integer> offered = new ArrayList<>();
        IllegalStateException stop = new IllegalStateException("stop");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> BackgroundDump.run("r",
                forward -> {
                    try {
                        // Far more than the budget: the receiver must be stopped, not left blocked.
                        for (int i = 0; i < 1_000_000; i++) {
                            offered.add(i);
                            forward.onMessage(16, 0, new byte[200], 0, 200);
                        }
                    } finally {
                        receiverEnded.set(true);
                    }
                }, (BytesHandler) (type, flags, buffer, offset, length) -> {
                    throw stop;
                }, 64 * 1024));
        assertSame(stop, thrown);
        // run() returns only after the receiver let go.
        assertTrue(receiverEnded.get());
        assertTrue(offered.size() < 1_000_000);
    }

    @Test
    void buffersAreReusedNotKept() throws Exception {
        List<byte[]> buffers = new ArrayList<>();
        BackgroundDump.run("r", forward -> {
            for (int i = 0; i < 2000; i++) {
                forward.onMessage(16, 0, new byte[500], 0, 500);
            }
        }, (BytesHandler) (type, flags, buffer, offset, length) -> {
            if (offset == 0) {
                // The first message of a chunk.
                buffers.add(buffer);
            }
        }, 64 * 1024);
        // 1 MB through a budget of one 64 KiB chunk: at most two chunks queued (the budget and the closing one),
        // one being filled, one being handled and two spare, however the threads interleave; 16 without reuse.
        long distinct = buffers.stream().distinct().count();
        assertTrue(buffers.size() >= 16, () -> buffers.size() + " chunks");
        assertTrue(distinct <= 6, () -> distinct + " buffers");
    }
}
