package io.sockscope.netlink;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct nlmsghdr}, the header in front of every netlink message, with the message types, flags and
 * alignment rule that frame a netlink byte stream.
 *
 * <pre>
 * struct nlmsghdr {
 *     __u32 nlmsg_len;    // length of the message, header included
 *     __u16 nlmsg_type;
 *     __u16 nlmsg_flags;
 *     __u32 nlmsg_seq;
 *     __u32 nlmsg_pid;    // port id of the sender (the kernel is 0)
 * };
 * </pre>
 */
public final class NetlinkHeader {
    /** The struct's layout, for checking the offsets below; built on first use (see {@link FieldLayouts}). */
    public static StructLayout layout() {
        return Layout.STRUCT;
    }

    private static final class Layout {
        static final StructLayout STRUCT = MemoryLayout.structLayout(
                FieldLayouts.U32.withName("nlmsg_len"),
                FieldLayouts.U16.withName("nlmsg_type"),
                FieldLayouts.U16.withName("nlmsg_flags"),
                FieldLayouts.U32.withName("nlmsg_seq"),
                FieldLayouts.U32.withName("nlmsg_pid"));
    }

    public static final int SIZE = 16;
    public static final long LEN = 0;
    public static final long TYPE = 4;
    public static final long FLAGS = 6;
    public static final long SEQ = 8;
    public static final long PID = 12;

    /** Message types below 16 are reserved for the netlink core. */
    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLMSG_OVERRUN = 4;

    public static final int NLM_F_REQUEST = 0x1;
    public static final int NLM_F_MULTI = 0x2;
    public static final int NLM_F_ACK = 0x4;
    public static final int NLM_F_ECHO = 0x8;
    /** Set by the kernel on dump replies when the data changed while the dump ran. */
    public static final int NLM_F_DUMP_INTR = 0x10;
    public static final int NLM_F_DUMP_FILTERED = 0x20;
    public static final int NLM_F_ROOT = 0x100;
    public static final int NLM_F_MATCH = 0x200;
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    /** On an error message: the echoed request was cut down to its header. */
    public static final int NLM_F_CAPPED = 0x100;
    /** On an error or done message: extended-ack attributes follow. */
    public static final int NLM_F_ACK_TLVS = 0x200;

    private NetlinkHeader() {
    }

    /** Rounds a length up to the 4-byte boundary every netlink message and attribute starts on. */
    public static int align(int length) {
        return (length + 3) & ~3;
    }

    /** Rounds a length up to the 4-byte boundary (for offsets within large buffers). */
    public static long align(long length) {
        return (length + 3) & ~3L;
    }

    public static int length(byte[] b, int offset) {
        return Fields.u32(b, offset + (int) LEN);
    }

    public static int type(byte[] b, int offset) {
        return Fields.u16(b, offset + (int) TYPE);
    }

    public static int flags(byte[] b, int offset) {
        return Fields.u16(b, offset + (int) FLAGS);
    }

    public static int seq(byte[] b, int offset) {
        return Fields.u32(b, offset + (int) SEQ);
    }

    public static int portId(byte[] b, int offset) {
        return Fields.u32(b, offset + (int) PID);
    }

    /** Writes a header at {@code offset} of an array (what the request encoders fill). */
    public static void write(byte[] b, long offset, int length, int type, int flags, int seq, int portId) {
        Fields.putU32(b, offset + LEN, length);
        Fields.putU16(b, offset + TYPE, type);
        Fields.putU16(b, offset + FLAGS, flags);
        Fields.putU32(b, offset + SEQ, seq);
        Fields.putU32(b, offset + PID, portId);
    }

    /** Writes a header at {@code offset}. */
    public static void write(MemorySegment s, long offset, int length, int type, int flags, int seq, int portId) {
        Fields.putU32(s, offset + LEN, length);
        Fields.putU16(s, offset + TYPE, type);
        Fields.putU16(s, offset + FLAGS, flags);
        Fields.putU32(s, offset + SEQ, seq);
        Fields.putU32(s, offset + PID, portId);
    }
}
