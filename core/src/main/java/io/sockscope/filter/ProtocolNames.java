package io.sockscope.filter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The protocol names a {@code link:} or {@code netlink:} host condition may use: iproute2's built-in
 * ethertype table ({@code ll_proto_a2n}) and netlink protocol table ({@code nl_proto_a2n}).
 */
final class ProtocolNames {
    private ProtocolNames() {
    }

    /** Ethertype names in iproute2's table order; the first case-insensitive match wins. */
    private static final Map<String, Integer> LINK = linkTable();

    /** The netlink protocol names iproute2 knows without {@code /etc/iproute2/nl_protos}. */
    static final Map<Integer, String> NETLINK_BUILT_IN = netlinkTable();

    private static Map<String, Integer> linkTable() {
        Object[][] rows = {
            {"loop", 0x0060}, {"pup", 0x0200}, {"pupat", 0x0201}, {"ip", 0x0800}, {"x25", 0x0805},
            {"arp", 0x0806}, {"bpq", 0x08FF}, {"ieeepup", 0x0a00}, {"ieeepupat", 0x0a01}, {"dec", 0x6000},
            {"dna_dl", 0x6001}, {"dna_rc", 0x6002}, {"dna_rt", 0x6003}, {"lat", 0x6004}, {"diag", 0x6005},
            {"cust", 0x6006}, {"sca", 0x6007}, {"rarp", 0x8035}, {"atalk", 0x809B}, {"aarp", 0x80F3},
            {"ipx", 0x8137}, {"ipv6", 0x86DD}, {"ppp_disc", 0x8863}, {"ppp_ses", 0x8864},
            {"atmmpoa", 0x884c}, {"atmfate", 0x8884}, {"802_3", 0x0001}, {"ax25", 0x0002}, {"all", 0x0003},
            {"802_2", 0x0004}, {"snap", 0x0005}, {"ddcmp", 0x0006}, {"wan_ppp", 0x0007}, {"ppp_mp", 0x0008},
            {"localtalk", 0x0009}, {"can", 0x000C}, {"ppptalk", 0x0010}, {"tr_802_2", 0x0011},
            {"mobitex", 0x0015}, {"control", 0x0016}, {"irda", 0x0017}, {"econet", 0x0018},
            {"tipc", 0x88CA}, {"profinet", 0x8892}, {"aoe", 0x88A2}, {"ethercat", 0x88A4},
            {"802.1q", 0x8100}, {"802.1ad", 0x88A8}, {"mpls_uc", 0x8847}, {"mpls_mc", 0x8848},
            {"teb", 0x6558}, {"lldp", 0x88cc}, {"ipv4", 0x0800},
        };
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Object[] r : rows) {
            m.putIfAbsent((String) r[0], (Integer) r[1]);
        }
        return Collections.unmodifiableMap(m);
    }

    private static Map<Integer, String> netlinkTable() {
        String[] names = {"rtnl", "unused", "usersock", "fw", "tcpdiag", "nflog", "xfrm", "selinux", "iscsi",
            "audit", "fiblookup", "connector", "nft", "ip6fw", "dec-rt", "uevent", "genl", null, "scsi-trans",
            "ecryptfs", "rdma", "crypto"};
        Map<Integer, String> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            if (names[i] != null) {
                m.put(i, names[i]);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** {@code ll_proto_a2n}: a name from the table (any case) or a number up to 0xffff. */
    static OptionalInt linkProtocol(String text) {
        Integer known = LINK.get(asciiLower(text));
        if (known != null) {
            return OptionalInt.of(known);
        }
        OptionalLong n = CNumbers.getU16(text);
        return n.isPresent() ? OptionalInt.of((int) n.getAsLong()) : OptionalInt.empty();
    }

    /** {@code nl_proto_a2n}: an exact name from {@code names} (lowest id first) or a number up to 255. */
    static OptionalInt netlinkProtocol(String text, Map<Integer, String> names) {
        for (int id = 0; id < 256; id++) {
            if (text.equals(names.get(id))) {
                return OptionalInt.of(id);
            }
        }
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        CNumbers.Conversion c = CNumbers.strtoul(text, 0, 0);
        if (c.consumedNothing(0) || c.end() != text.length() || Long.compareUnsigned(c.value(), 255) > 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) c.value());
    }

    /** {@code strcasecmp} folds ASCII letters only. */
    static String asciiLower(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }
}
