package io.sockscope.netlink;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * {@code struct inet_diag_sockid}, the socket identity inside inet_diag requests and replies. Offsets are
 * relative to the start of the sockid.
 *
 * <pre>
 * struct inet_diag_sockid {
 *     __be16  idiag_sport;
 *     __be16  idiag_dport;
 *     __be32  idiag_src[4];     // IPv4 uses the first word
 *     __be32  idiag_dst[4];
 *     __u32   idiag_if;
 *     __u32   idiag_cookie[2];
 * };
 * </pre>
 */
public final class InetDiagSockId {
    /** The struct's layout, for checking the offsets below; built on first use (see {@link FieldLayouts}). */
    public static StructLayout layout() {
        return Layout.STRUCT;
    }

    private static final class Layout {
        static final StructLayout STRUCT = MemoryLayout.structLayout(
                FieldLayouts.BE16.withName("idiag_sport"),
                FieldLayouts.BE16.withName("idiag_dport"),
                MemoryLayout.sequenceLayout(16, FieldLayouts.U8).withName("idiag_src"),
                MemoryLayout.sequenceLayout(16, FieldLayouts.U8).withName("idiag_dst"),
                FieldLayouts.U32.withName("idiag_if"),
                MemoryLayout.sequenceLayout(2, FieldLayouts.U32).withName("idiag_cookie"));
    }

    public static final int SIZE = 48;
    public static final long SPORT = 0;
    public static final long DPORT = 2;
    public static final long SRC = 4;
    public static final long DST = 20;
    public static final long IF = 36;
    public static final long COOKIE = 40;

    private InetDiagSockId() {
    }
}
