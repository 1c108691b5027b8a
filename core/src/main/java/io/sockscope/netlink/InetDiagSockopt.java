package io.sockscope.netlink;

import io.sockscope.model.InetSocketOptions;

import java.nio.ByteOrder;

/**
 * {@code struct inet_diag_sockopt}, the payload of {@code INET_DIAG_SOCKOPT}: the socket options that are single
 * bits of the kernel's {@code struct inet_sock}.
 *
 * <pre>
 * struct inet_diag_sockopt {
 *     __u8    recverr:1,
 *             is_icsk:1,
 *             freebind:1,
 *             hdrincl:1,
 *             mc_loop:1,
 *             transparent:1,
 *             mc_all:1,
 *             nodefrag:1;
 *     __u8    bind_address_no_port:1,
 *             recverr_rfc4884:1,
 *             defer_connect:1,
 *             unused:5;
 * };
 * </pre>
 *
 * No {@code idiag_ext} bit asks for it: its type (22) is past the eight a request can name, and the kernel puts
 * it in the reply of every full socket anyway. TIME-WAIT and SYN-RECV entries have none.
 *
 * <p>Decodes into {@link InetSocketOptions}.
 */
public final class InetDiagSockopt {

    /** {@code sizeof(struct inet_diag_sockopt)}. */
    public static final int SIZE = 2;

    /**
     * C bit-fields fill a byte from its least significant bit on little-endian ABIs (x86-64, arm64) and from
     * its most significant bit on big-endian ones (s390x): the struct is in the kernel's, that is this
     * machine's, convention.
     */
    private static final boolean LOW_BIT_FIRST = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private InetDiagSockopt() {
    }

    /** The current attribute's payload decoded; null when it is shorter than the struct, which ss passes over. */
    public static InetSocketOptions decode(AttributeCursor p) {
        if (p.payloadLength() < SIZE) {
            return null;
        }
        int first = p.u8At(0);
        int second = p.u8At(1);
        return new InetSocketOptions(bit(first, 0), bit(first, 1), bit(first, 2), bit(first, 3), bit(first, 4),
                bit(first, 5), bit(first, 6), bit(first, 7), bit(second, 0), bit(second, 1), bit(second, 2));
    }

    /** Whether the {@code index}-th one-bit field of a byte (0 for the first declared) is set. */
    private static boolean bit(int value, int index) {
        int mask = LOW_BIT_FIRST ? 1 << index : 0x80 >>> index;
        return (value & mask) != 0;
    }
}
