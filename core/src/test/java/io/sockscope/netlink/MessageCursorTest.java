package io.sockscope.netlink;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Message framing, on a real reply and on damaged copies of it. */
class MessageCursorTest {
    @Test
    void framesARealReplyExactly() {
        byte[] reply = Golden.reply("packet-all.bin");
        MessageCursor c = new MessageCursor(reply, reply.length);
        int count = 0;
        long end = 0;
        while (c.next()) {
            count++;
            end = c.offset() + NetlinkHeader.align(c.length());
            assertEquals(c.length() - NetlinkHeader.SIZE, c.payloadLength());
            assertEquals(c.offset() + NetlinkHeader.SIZE, c.payloadOffset());
        }
        assertEquals(3, count, "two sockets and DONE");
        assertEquals(reply.length, end);
        assertEquals(0, c.remnant());
    }

    @Test
    void truncatedLastMessageIsARemnant() {
        byte[] bytes = Golden.bytes("replies/packet-all.bin");
        MessageCursor c = new MessageCursor(bytes, bytes.length - 10);
        assertTrue(c.next());
        assertTrue(c.next());
        assertFalse(c.next());
        assertEquals(10, c.remnant(), "the done message lost 10 of its 20 bytes");
    }

    @Test
    void lengthBelowTheHeaderStopsFraming() {
        byte[] bytes = HexFormat.ofDelimiter(" ").parseHex(
                "08 00 00 00 03 00 02 00 40 e2 01 00 00 00 00 00 00 00 00 00");
        MessageCursor c = new MessageCursor(bytes, bytes.length);
        assertFalse(c.next());
        assertEquals(20, c.remnant());
    }

    @Test
    void emptyBufferHasNothing() {
        MessageCursor c = new MessageCursor(new byte[0], 0);
        assertFalse(c.next());
        assertEquals(0, c.remnant());
    }
}
