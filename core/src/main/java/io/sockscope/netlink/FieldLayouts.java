package io.sockscope.netlink;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The layouts of the scalar fields of kernel structs, for the segment writers of {@link Fields} and the
 * struct classes' {@code layout()}. Every layout is unaligned because messages sit at 4-byte boundaries
 * inside receive buffers (a {@code __u64} attribute is often not 8-aligned) and because a heap array's
 * alignment is one byte. Host order is the native order.
 *
 * <p>A class of their own, and every struct layout in a holder of its own, because creating any layout is
 * the foreign-memory API's first use, which costs a fresh JVM tens of milliseconds (method-handle classes
 * spun at run time): a listing decodes heap copies with the array readers and never needs one.
 */
final class FieldLayouts {
    static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    static final ValueLayout.OfShort BE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;

    private FieldLayouts() {
    }
}
