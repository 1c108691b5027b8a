package io.sockscope.names;

import java.util.OptionalInt;

/**
 * iproute2's link-layer protocol table ({@code ip}, {@code arp}, {@code ipv6}, {@code 802.1Q}…), both ways:
 * the name ss prints for a packet socket's ethertype, and the ethertype a filter's {@code link:} name stands
 * for. First match wins, as in iproute2.
 */
public final class LinkProtocolNames {
    /**
     * {@code ETH_P_ALL} of {@code <linux/if_ether.h>}: a packet socket that receives every protocol, which ss
     * shows as {@code *} rather than by its table name ({@code all}).
     */
    public static final int ETH_P_ALL = 0x0003;

    private static final int[] IDS = {
        0x0060, 0x0200, 0x0201, 0x0800, 0x0805, 0x0806, 0x08FF, 0x0a00, 0x0a01, 0x6000, 0x6001, 0x6002,
        0x6003, 0x6004, 0x6005, 0x6006, 0x6007, 0x8035, 0x809B, 0x80F3, 0x8137, 0x86DD, 0x8863, 0x8864,
        0x884c, 0x8884, 0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007, 0x0008, 0x0009, 0x000C,
        0x0010, 0x0011, 0x0015, 0x0016, 0x0017, 0x0018, 0x88CA, 0x8892, 0x88A2, 0x88A4, 0x8100, 0x88A8,
        0x8847, 0x8848, 0x6558, 0x8100, 0x88cc, 0x0800,
    };
    private static final String[] NAMES = {
        "loop", "pup", "pupat", "ip", "x25", "arp", "bpq", "ieeepup", "ieeepupat", "dec", "dna_dl", "dna_rc",
        "dna_rt", "lat", "diag", "cust", "sca", "rarp", "atalk", "aarp", "ipx", "ipv6", "ppp_disc", "ppp_ses",
        "atmmpoa", "atmfate", "802_3", "ax25", "all", "802_2", "snap", "ddcmp", "wan_ppp", "ppp_mp",
        "localtalk", "can", "ppptalk", "tr_802_2", "mobitex", "control", "irda", "econet", "tipc", "profinet",
        "aoe", "ethercat", "802.1Q", "802.1ad", "mpls_uc", "mpls_mc", "teb", "802.1Q", "LLDP", "ipv4",
    };

    private LinkProtocolNames() {
    }

    /** The name of an ethertype (host order), or null when the table has none. */
    public static String lookup(int ethertype) {
        for (int i = 0; i < IDS.length; i++) {
            if (IDS[i] == ethertype) {
                return NAMES[i];
            }
        }
        return null;
    }

    /**
     * The ethertype a name stands for ({@code ll_proto_a2n}): the first name of the table equal to
     * {@code name} ignoring the case of ASCII letters only, as {@code strcasecmp} does; empty when none is.
     */
    public static OptionalInt number(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (equalsIgnoringAsciiCase(NAMES[i], name)) {
                return OptionalInt.of(IDS[i]);
            }
        }
        return OptionalInt.empty();
    }

    /** {@link String#equalsIgnoreCase} would also fold letters outside ASCII, which strcasecmp does not. */
    private static boolean equalsIgnoringAsciiCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (asciiLower(a.charAt(i)) != asciiLower(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
