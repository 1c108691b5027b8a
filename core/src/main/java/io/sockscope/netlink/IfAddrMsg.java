package io.sockscope.netlink;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InterfaceAddress;

/**
 * The rtnetlink address dump: the {@code RTM_GETADDR} request and the {@code RTM_NEWADDR} messages it is
 * answered with, one per address.
 *
 * <pre>
 * struct ifaddrmsg {
 *     __u8  ifa_family;     // AF_INET or AF_INET6
 *     __u8  ifa_prefixlen;
 *     __u8  ifa_flags;
 *     __u8  ifa_scope;
 *     __u32 ifa_index;
 * };                        // attributes follow: IFA_ADDRESS (1), IFA_LOCAL (2), …
 * </pre>
 * On a point-to-point IPv4 interface {@code IFA_ADDRESS} is the peer's address and {@code IFA_LOCAL} this
 * host's; elsewhere they are equal, or only {@code IFA_ADDRESS} is sent (IPv6). The local one is taken, as
 * iproute2 does.
 */
public final class IfAddrMsg {
    public static final int SIZE = 8;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_GETADDR = 22;
    static final int FAMILY = 0;
    static final int PREFIX_LENGTH = 1;
    static final int INDEX = 4;
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;

    private IfAddrMsg() {
    }

    /** A dump of every address of every family ({@code ifa_family} AF_UNSPEC). */
    public static byte[] dumpRequest(int seq) {
        byte[] out = new byte[NetlinkHeader.SIZE + SIZE];
        NetlinkHeader.write(out, 0, out.length, RTM_GETADDR, NetlinkHeader.NLM_F_REQUEST | NetlinkHeader.NLM_F_DUMP,
                seq, 0);
        return out;
    }

    /**
     * The address the {@code length}-byte {@code RTM_NEWADDR} payload at {@code offset} of {@code b} describes,
     * read in place; null when it is not an IPv4 or IPv6 address, is shorter than the struct or carries no
     * address of its family's length.
     */
    public static InterfaceAddress decode(byte[] b, int offset, int length) {
        if (length < SIZE) {
            return null;
        }
        int family = Fields.u8(b, offset + FAMILY);
        int addressLength = family == AddressFamily.INET ? 4 : family == AddressFamily.INET6 ? 16 : 0;
        if (addressLength == 0) {
            return null;
        }
        byte[] address = null;
        byte[] local = null;
        AttributeCursor a = new AttributeCursor(b, offset + SIZE, length - SIZE);
        while (a.next()) {
            int type = a.type() & 0x3fff;
            if ((type == IFA_ADDRESS || type == IFA_LOCAL) && a.payloadLength() == addressLength) {
                if (type == IFA_LOCAL) {
                    local = a.bytes();
                } else {
                    address = a.bytes();
                }
            }
        }
        byte[] chosen = local != null ? local : address;
        return chosen == null ? null
                : new InterfaceAddress(Fields.u32(b, offset + INDEX), chosen, Fields.u8(b, offset + PREFIX_LENGTH));
    }
}
