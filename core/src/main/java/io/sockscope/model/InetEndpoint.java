package io.sockscope.model;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 address and port as the kernel reports them.
 *
 * @param address 4 bytes (IPv4) or 16 bytes (IPv6), network order; never modified
 * @param port    host-order port, 0 for none (raw sockets carry the IP protocol number here)
 */
public record InetEndpoint(byte[] address, int port) {
    public InetEndpoint {
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("address must be 4 or 16 bytes, was " + address.length);
        }
    }

    /** Whether every address byte is zero (0.0.0.0 or ::). */
    public boolean isWildcard() {
        for (byte b : address) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether this is an IPv4 address carried by an IPv6 socket ({@code ::ffff:a.b.c.d}). */
    public boolean isV4Mapped() {
        return isV4Mapped(address);
    }

    /** Whether {@code address} (null, 4 or 16 bytes) is in {@code ::ffff:0:0/96}. */
    public static boolean isV4Mapped(byte[] address) {
        if (address == null || address.length < 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xFF && address[11] == (byte) 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InetEndpoint e && port == e.port && Arrays.equals(address, e.address);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(address) + port;
    }

    @Override
    public String toString() {
        return "InetEndpoint[" + Arrays.toString(address) + ":" + port + "]";
    }
}
