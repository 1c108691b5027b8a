package io.sockscope.filter;

import io.sockscope.model.AddressFamily;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One address with a prefix length, as a host condition holds it (iproute2's {@code inet_prefix}).
 *
 * <p>{@code family} is {@link AddressFamily#INET} or {@link AddressFamily#INET6} for a parsed or resolved
 * address, or the preferred family (possibly {@link AddressFamily#UNSPEC}) for the words {@code any},
 * {@code all} and {@code default}, which carry no address bytes and a zero prefix. A zero {@code bits}
 * means "any address"; ss still sends the address bytes to the kernel in that case, so they are kept.
 *
 * @param family  address family of the condition
 * @param bits    prefix length in bits, 0 to 8 × {@code address.length}
 * @param address 4 or 16 bytes in network order, or empty; never modified
 */
public record AddressPrefix(int family, int bits, byte[] address) {
    public AddressPrefix {
        if (address.length != 0 && address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("address must be 0, 4 or 16 bytes, was " + address.length);
        }
        if (bits < 0 || bits > 8 * Math.max(address.length, 4)) {
            throw new IllegalArgumentException("prefix length " + bits + " out of range");
        }
        address = address.clone();
    }

    /** The address bytes (a copy). */
    @Override
    public byte[] address() {
        return address.clone();
    }

    /** Package view of the bytes without copying; callers must not modify it. */
    byte[] addressBytes() {
        return address;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressPrefix p && family == p.family && bits == p.bits
                && Arrays.equals(address, p.address);
    }

    @Override
    public int hashCode() {
        return (31 * family + bits) * 31 + Arrays.hashCode(address);
    }

    @Override
    public String toString() {
        return "AddressPrefix[family=" + family + ", " + HexFormat.of().formatHex(address) + "/" + bits + "]";
    }
}
