package io.sockscope.netlink;

import io.sockscope.model.SocketMemory;
import io.sockscope.model.SocketTable;
import io.sockscope.model.UnixSocket;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.util.function.Consumer;

/**
 * {@code struct unix_diag_msg}, one AF_UNIX socket in a sock_diag reply, followed by {@code UNIX_DIAG_*}
 * attributes.
 *
 * <pre>
 * struct unix_diag_msg {
 *     __u8    udiag_family;
 *     __u8    udiag_type;       // SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET
 *     __u8    udiag_state;
 *     __u8    pad;
 *     __u32   udiag_ino;
 *     __u32   udiag_cookie[2];
 * };
 * struct unix_diag_vfs   { __u32 udiag_vfs_ino; __u32 udiag_vfs_dev; };   // UNIX_DIAG_VFS
 * struct unix_diag_rqlen { __u32 udiag_rqueue;  __u32 udiag_wqueue;  };   // UNIX_DIAG_RQLEN
 * </pre>
 */
public final class UnixDiagMsg {
    /** The struct's layout, for checking the offsets below; built on first use (see {@link FieldLayouts}). */
    public static StructLayout layout() {
        return Layout.STRUCT;
    }

    private static final class Layout {
        static final StructLayout STRUCT = MemoryLayout.structLayout(
                FieldLayouts.U8.withName("udiag_family"),
                FieldLayouts.U8.withName("udiag_type"),
                FieldLayouts.U8.withName("udiag_state"),
                FieldLayouts.U8.withName("pad"),
                FieldLayouts.U32.withName("udiag_ino"),
                MemoryLayout.sequenceLayout(2, FieldLayouts.U32).withName("udiag_cookie"));
    }

    public static final int SIZE = 16;
    public static final long FAMILY = 0;
    public static final long TYPE = 1;
    public static final long STATE = 2;
    public static final long INO = 4;
    public static final long COOKIE = 8;

    public static final int UNIX_DIAG_NAME = 0;
    public static final int UNIX_DIAG_VFS = 1;
    public static final int UNIX_DIAG_PEER = 2;
    public static final int UNIX_DIAG_ICONS = 3;
    public static final int UNIX_DIAG_RQLEN = 4;
    public static final int UNIX_DIAG_MEMINFO = 5;
    public static final int UNIX_DIAG_SHUTDOWN = 6;
    public static final int UNIX_DIAG_UID = 7;

    private UnixDiagMsg() {
    }

    /** The table of a unix socket type, or null for a type Linux does not have for AF_UNIX. */
    public static SocketTable table(int type) {
        return switch (type) {
            case SockDiag.SOCK_STREAM -> SocketTable.UNIX_STREAM;
            case SockDiag.SOCK_DGRAM -> SocketTable.UNIX_DGRAM;
            case SockDiag.SOCK_SEQPACKET -> SocketTable.UNIX_SEQPACKET;
            default -> null;
        };
    }

    /** Rejects a payload too short for the struct, so that the raw accessors can be used. */
    public static void checkLength(int payloadLength) throws MalformedMessageException {
        if (payloadLength < SIZE) {
            throw new MalformedMessageException("unix_diag_msg of " + payloadLength + " bytes, need " + SIZE);
        }
    }

    public static int type(byte[] b, int payloadOffset) {
        return Fields.u8(b, payloadOffset + (int) TYPE);
    }

    /**
     * Decodes the payload (what follows the {@code nlmsghdr}) at {@code offset} of a heap copy of a reply, read
     * in place.
     *
     * @param keepMemory decode {@code UNIX_DIAG_MEMINFO} into {@link UnixSocket#memory()} ({@code -m})
     * @param warnings   told about a damaged attribute area (the socket is still returned)
     * @throws MalformedMessageException when the struct is short or the type is not a unix socket type
     */
    public static UnixSocket decode(byte[] b, int offset, int length, boolean keepMemory,
                                    Consumer<String> warnings) throws MalformedMessageException {
        checkLength(length);
        SocketTable table = table(type(b, offset));
        if (table == null) {
            throw new MalformedMessageException("unix_diag_msg with socket type " + type(b, offset));
        }
        long recvQ = 0;
        long sendQ = 0;
        byte[] name = null;
        long peer = 0;
        int shutdown = -1;
        long vfsInode = -1;
        long vfsDevice = -1;
        int[] pending = null;
        int uid = -1;
        SocketMemory memory = null;
        AttributeCursor c = new AttributeCursor(b, offset + SIZE, length - SIZE);
        while (c.next()) {
            switch (c.type()) {
                case UNIX_DIAG_NAME -> name = c.bytes();
                case UNIX_DIAG_PEER -> peer = c.u32AsLongAt(0);
                case UNIX_DIAG_RQLEN -> {
                    recvQ = c.u32AsLongAt(0);
                    sendQ = c.u32AsLongAt(4);
                }
                case UNIX_DIAG_SHUTDOWN -> shutdown = c.u8();
                case UNIX_DIAG_VFS -> {
                    vfsInode = c.u32AsLongAt(UnixDiagVfs.INO);
                    vfsDevice = c.u32AsLongAt(UnixDiagVfs.DEV);
                }
                case UNIX_DIAG_ICONS -> pending = u32Array(c);
                case UNIX_DIAG_UID -> uid = c.u32();
                case UNIX_DIAG_MEMINFO -> memory = memory == null && keepMemory ? SkMemInfo.decode(c) : memory;
                default -> { }
            }
        }
        if (c.malformed()) {
            warnings.accept("unix_diag_msg: " + c.problem());
        }
        return new UnixSocket(table, Fields.u8(b, offset + (int) STATE), recvQ, sendQ, name,
                Fields.u32AsLong(b, offset + (int) INO), peer, null, shutdown, vfsInode, vfsDevice, pending, uid,
                memory);
    }

    private static int[] u32Array(AttributeCursor c) {
        int[] values = new int[c.payloadLength() / 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = c.u32At(4L * i);
        }
        return values;
    }
}
