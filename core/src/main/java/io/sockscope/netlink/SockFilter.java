package io.sockscope.netlink;

import io.sockscope.model.BpfInstruction;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.util.List;

/**
 * {@code struct sock_filter}, one classic BPF instruction; {@code PACKET_DIAG_FILTER} carries an array of them
 * (the socket's attached filter program).
 *
 * <pre>
 * struct sock_filter {
 *     __u16   code;
 *     __u8    jt;
 *     __u8    jf;
 *     __u32   k;
 * };
 * </pre>
 *
 * <p>Decodes into {@link BpfInstruction}s.
 */
public final class SockFilter {
    /** The struct's layout, for checking the offsets below; built on first use (see {@link FieldLayouts}). */
    public static StructLayout layout() {
        return Layout.STRUCT;
    }

    private static final class Layout {
        static final StructLayout STRUCT = MemoryLayout.structLayout(
                FieldLayouts.U16.withName("code"),
                FieldLayouts.U8.withName("jt"),
                FieldLayouts.U8.withName("jf"),
                FieldLayouts.U32.withName("k"));
    }

    public static final int SIZE = 8;
    public static final long CODE = 0;
    public static final long JT = 2;
    public static final long JF = 3;
    public static final long K = 4;

    private SockFilter() {
    }

    /** The whole instructions of the current attribute's payload, in order. */
    public static List<BpfInstruction> decode(AttributeCursor p) {
        int count = p.payloadLength() / SIZE;
        BpfInstruction[] program = new BpfInstruction[count];
        for (int i = 0; i < count; i++) {
            long at = (long) i * SIZE;
            program[i] = new BpfInstruction(p.u16At(at + CODE), p.u8At(at + JT), p.u8At(at + JF),
                    p.u32AsLongAt(at + K));
        }
        return List.of(program);
    }
}
