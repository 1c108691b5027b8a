package io.sockscope.netlink;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

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
 * @param code the opcode
 * @param jt   jump offset when true
 * @param jf   jump offset when false
 * @param k    the constant operand (unsigned)
 */
public record SockFilter(int code, int jt, int jf, long k) {
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

    /** How many whole instructions a payload of this length holds. */
    public static int count(MemorySegment program) {
        return (int) Math.min(program.byteSize() / SIZE, Integer.MAX_VALUE);
    }

    /** Instruction {@code index} of a program (which must hold it, see {@link #count}). */
    public static SockFilter decode(MemorySegment program, int index) {
        MemorySegment p = program.asSlice((long) index * SIZE, SIZE);
        return new SockFilter(Structs.u16(p, CODE), Structs.u8(p, JT), Structs.u8(p, JF), Structs.u32(p, K));
    }
}
