package io.sockscope.model;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The byte-array fields agree with the JDK's buffers in this machine's order, top bits included. */
class HostOrderTest {

    @Test
    void readsAsANativeOrderBufferReads() {
        byte[] bytes = {(byte) 0xF1, 0x02, (byte) 0x83, 0x04, 0x05, (byte) 0x96, 0x07, (byte) 0xF8, 0x09};
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        assertEquals(Short.toUnsignedInt(buffer.getShort(1)), HostOrder.u16(bytes, 1));
        assertEquals(buffer.getInt(1), HostOrder.u32(bytes, 1));
        assertEquals(buffer.getLong(1), HostOrder.u64(bytes, 1));
    }

    @Test
    void writesAsANativeOrderBufferWrites() {
        byte[] ours = new byte[7];
        HostOrder.putU16(ours, 1, 0xBEEF);
        HostOrder.putU32(ours, 3, 0xCAFEF00D);
        byte[] theirs = new byte[7];
        ByteBuffer.wrap(theirs).order(ByteOrder.nativeOrder()).putShort(1, (short) 0xBEEF).putInt(3, 0xCAFEF00D);
        assertArrayEquals(theirs, ours);
    }
}
