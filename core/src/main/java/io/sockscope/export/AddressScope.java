package io.sockscope.export;

import io.sockscope.model.InetEndpoint;

/**
 * Which clients a listener's bound address lets in: the seed's "bound to 127.0.0.1 instead of 0.0.0.0" as a
 * label value.
 */
public enum AddressScope {
    /** 127.0.0.0/8, ::1 or ::ffff:127.x.y.z: only this host's own clients (of this network namespace). */
    LOOPBACK("loopback"),
    /** 0.0.0.0 or ::: every address the namespace has. */
    ANY("any"),
    /** One address of an interface: the clients that reach that address. */
    SPECIFIC("specific");

    private final String label;

    AddressScope(String label) {
        this.label = label;
    }

    /** The label value: {@code loopback}, {@code any} or {@code specific}. */
    public String label() {
        return label;
    }

    /** The scope of a bound local address. */
    public static AddressScope of(InetEndpoint local) {
        if (local.isWildcard()) {
            return ANY;
        }
        byte[] a = local.address();
        if (a.length == 4) {
            return (a[0] & 0xff) == 127 ? LOOPBACK : SPECIFIC;
        }
        if (InetEndpoint.isV4Mapped(a)) {
            return (a[12] & 0xff) == 127 ? LOOPBACK : SPECIFIC;
        }
        for (int i = 0; i < 15; i++) {
            if (a[i] != 0) {
                return SPECIFIC;
            }
        }
        return a[15] == 1 ? LOOPBACK : SPECIFIC;
    }
}
