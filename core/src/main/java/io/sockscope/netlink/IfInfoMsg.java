package io.sockscope.netlink;

import io.sockscope.model.InterfaceLink;

import java.nio.charset.StandardCharsets;

/**
 * The rtnetlink link dump: the {@code RTM_GETLINK} request and the {@code RTM_NEWLINK} messages it is answered
 * with, one per interface.
 *
 * <pre>
 * struct ifinfomsg {
 *     unsigned char  ifi_family;
 *     unsigned char  __ifi_pad;
 *     unsigned short ifi_type;     // ARPHRD_*
 *     int            ifi_index;
 *     unsigned       ifi_flags;    // IFF_*
 *     unsigned       ifi_change;
 * };                               // attributes follow: IFLA_IFNAME (3), a NUL-terminated name, among others
 * </pre>
 */
public final class IfInfoMsg {
    public static final int SIZE = 16;
    public static final int RTM_NEWLINK = 16;
    public static final int RTM_GETLINK = 18;
    static final int FAMILY = 0;
    static final int INDEX = 4;
    static final int FLAGS = 8;
    static final int IFLA_IFNAME = 3;
    private static final int IFF_UP = 0x1;

    private IfInfoMsg() {
    }

    /** A dump of every interface ({@code ifi_family} AF_UNSPEC). */
    public static byte[] dumpRequest(int seq) {
        byte[] out = new byte[NetlinkHeader.SIZE + SIZE];
        NetlinkHeader.write(out, 0, out.length, RTM_GETLINK, NetlinkHeader.NLM_F_REQUEST | NetlinkHeader.NLM_F_DUMP,
                seq, 0);
        return out;
    }

    /**
     * The interface the {@code length}-byte {@code RTM_NEWLINK} payload at {@code offset} of {@code b}
     * describes, read in place; null when it is shorter than the struct.
     */
    public static InterfaceLink decode(byte[] b, int offset, int length) {
        if (length < SIZE) {
            return null;
        }
        int index = Fields.u32(b, offset + INDEX);
        boolean up = (Fields.u32(b, offset + FLAGS) & IFF_UP) != 0;
        String name = null;
        AttributeCursor a = new AttributeCursor(b, offset + SIZE, length - SIZE);
        while (a.next()) {
            if ((a.type() & 0x3fff) == IFLA_IFNAME) {
                byte[] raw = a.bytes();
                int end = 0;
                while (end < raw.length && raw[end] != 0) {
                    end++;
                }
                name = new String(raw, 0, end, StandardCharsets.UTF_8);
            }
        }
        return new InterfaceLink(index, name != null ? name : "if" + Integer.toUnsignedString(index), up);
    }
}
