package io.sockscope.filter;

import io.sockscope.model.AddressFamily;

import java.util.ArrayList;
import java.util.List;

/**
 * A non-Unix host condition reduced to what ss's {@code struct aafilter} holds: a family, a port, and a chain
 * of (family, prefix length, address bytes), the first of which decides whether addresses are compared at
 * all. Packet and netlink conditions keep their protocol in the first address word, in host byte order,
 * and a vsock condition its CID — that is what ss compares and what it copies into kernel bytecode.
 */
record RawHost(int family, int port, List<Prefix> prefixes) {

    /** One link of the chain; {@code data} holds at least 4 bytes. */
    record Prefix(int family, int bits, byte[] data) {
    }

    /** The first prefix's length: 0 means "any address". */
    int headBits() {
        return prefixes.get(0).bits();
    }

    /** The reduction of a spec; null for a Unix glob, which ss matches by name instead. */
    static RawHost of(HostSpec spec) {
        return switch (spec) {
            case HostSpec.UnixGlob u -> null;
            case HostSpec.InetHost h -> inet(h);
            case HostSpec.LinkHost l -> word(AddressFamily.PACKET, l.port(), l.protocol());
            case HostSpec.NetlinkHost n -> word(AddressFamily.NETLINK, n.port(), n.protocol());
            case HostSpec.VsockHost v -> new RawHost(AddressFamily.VSOCK, v.port(),
                    List.of(new Prefix(AddressFamily.VSOCK, 0, FilterSubject.hostWord((int) v.cid()))));
        };
    }

    private static RawHost inet(HostSpec.InetHost h) {
        if (h.addresses().isEmpty()) {
            return new RawHost(AddressFamily.UNSPEC, h.port(),
                    List.of(new Prefix(AddressFamily.UNSPEC, 0, new byte[4])));
        }
        List<Prefix> chain = new ArrayList<>();
        for (AddressPrefix a : h.addresses()) {
            byte[] bytes = a.addressBytes();
            byte[] data = bytes.length >= 4 ? bytes.clone() : new byte[4];
            chain.add(new Prefix(a.family(), a.bits(), data));
        }
        return new RawHost(h.addresses().get(0).family(), h.port(), List.copyOf(chain));
    }

    private static RawHost word(int family, int port, int protocol) {
        boolean given = protocol >= 0;
        return new RawHost(family, port,
                List.of(new Prefix(family, given ? 32 : 0, FilterSubject.hostWord(given ? protocol : 0))));
    }
}
