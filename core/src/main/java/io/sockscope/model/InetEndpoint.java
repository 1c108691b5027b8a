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
