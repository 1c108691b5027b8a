package io.sockscope.netlink;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Message framing, on a real reply and on damaged copies of it. */
class MessageCursorTest {
    @Test
    void framesARealReplyExactly() {
        MemorySegment reply = Golden.reply("packet-all.bin");
        MessageCursor c = new MessageCursor(reply);
        int count = 0;
        long end = 0;
        while (c.next()) {
            count++;
            end = c.offset() + NetlinkHeader.align(c.length());
            assertEquals(c.length() - NetlinkHeader.SIZE, c.payload().byteSize());
        }
        assertEquals(3, count, "two sockets and DONE");
        assertEquals(reply.byteSize(), end);
        assertEquals(0, c.remnant());
    }

    @Test
    void truncatedLastMessageIsARemnant() {
        byte[] bytes = Golden.bytes("replies/packet-all.bin");
        MemorySegment cut = MemorySegment.ofArray(bytes).asSlice(0, bytes.length - 10);
        MessageCursor c = new MessageCursor(cut);
        assertTrue(c.next());
        assertTrue(c.next());
        assertFalse(c.next());
        assertEquals(10, c.remnant(), "the done message lost 10 of its 20 bytes");
    }

    @Test
    void lengthBelowTheHeaderStopsFraming() {
        byte[] bytes = HexFormat.ofDelimiter(" ").parseHex(
                "08 00 00 00 03 00 02 00 40 e2 01 00 00 00 00 00 00 00 00 00");
        MessageCursor c = new MessageCursor(MemorySegment.ofArray(bytes));
        assertFalse(c.next());
        assertEquals(20, c.remnant());
    }

    @Test
    void emptyBufferHasNothing() {
        MessageCursor c = new MessageCursor(MemorySegment.ofArray(new byte[0]));
        assertFalse(c.next());
        assertEquals(0, c.remnant());
    }
}
