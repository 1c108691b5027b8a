package io.sockscope.netlink;

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
 * @param recverr           {@code IP_RECVERR} / {@code IPV6_RECVERR}: errors are queued for the application
 * @param isIcsk            a connection-oriented socket ({@code inet_connection_sock}: TCP, DCCP, MPTCP), not an option
 * @param freebind          {@code IP_FREEBIND}: may bind an address that is not (yet) local
 * @param hdrincl           {@code IP_HDRINCL}: a raw socket whose sender writes the IP header
 * @param mcLoop            {@code IP_MULTICAST_LOOP}: own multicast is looped back
 * @param transparent       {@code IP_TRANSPARENT}: may bind and answer for foreign addresses (TPROXY)
 * @param mcAll             {@code IP_MULTICAST_ALL}: receives every group joined on the host, not only its own
 * @param nodefrag          {@code IP_NODEFRAG}: a raw socket that gets fragments unassembled
 * @param bindAddressNoPort {@code IP_BIND_ADDRESS_NO_PORT}: {@code bind()} leaves the port to {@code connect()}
 * @param recverrRfc4884    {@code IP_RECVERR_RFC4884}: ICMP extensions are parsed into queued errors
 * @param deferConnect      {@code TCP_FASTOPEN_CONNECT}: the SYN waits for the first write
 */
public record InetDiagSockopt(
        boolean recverr,
        boolean isIcsk,
        boolean freebind,
        boolean hdrincl,
        boolean mcLoop,
        boolean transparent,
        boolean mcAll,
        boolean nodefrag,
        boolean bindAddressNoPort,
        boolean recverrRfc4884,
        boolean deferConnect) {

    /** {@code sizeof(struct inet_diag_sockopt)}. */
    public static final int SIZE = 2;

    /**
     * C bit-fields fill a byte from its least significant bit on little-endian ABIs (x86-64, arm64) and from
     * its most significant bit on big-endian ones (s390x): the struct is in the kernel's, that is this
     * machine's, convention.
     */
    private static final boolean LOW_BIT_FIRST = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    /**
     * The first {@code INET_DIAG_SOCKOPT} of an {@code inet_diag_msg}'s attribute area, decoded; null when the
     * area has none, or one shorter than the struct, which ss passes over.
     */
    public static InetDiagSockopt in(byte[] attributes) {
        AttributeCursor c = new AttributeCursor(attributes, 0, attributes.length);
        while (c.next()) {
            if (c.type() == InetDiagAttribute.INET_DIAG_SOCKOPT) {
                return c.payloadLength() >= SIZE ? decode(c.bytes(), 0) : null;
            }
        }
        return null;
    }

    /** Decodes the struct's {@link #SIZE} bytes at {@code offset} of {@code b}. */
    public static InetDiagSockopt decode(byte[] b, int offset) {
        int first = b[offset] & 0xff;
        int second = b[offset + 1] & 0xff;
        return new InetDiagSockopt(bit(first, 0), bit(first, 1), bit(first, 2), bit(first, 3), bit(first, 4),
                bit(first, 5), bit(first, 6), bit(first, 7), bit(second, 0), bit(second, 1), bit(second, 2));
    }

    /** Whether the {@code index}-th one-bit field of a byte (0 for the first declared) is set. */
    private static boolean bit(int value, int index) {
        int mask = LOW_BIT_FIRST ? 1 << index : 0x80 >>> index;
        return (value & mask) != 0;
    }
}
