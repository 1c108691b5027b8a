package io.sockscope.model;

/**
 * An address configured on an interface, as rtnetlink lists it ({@code RTM_NEWADDR}).
 *
 * @param index        the interface's index ({@code ifa_index})
 * @param address      4 bytes (IPv4) or 16 bytes (IPv6), network order; never modified
 * @param prefixLength the length of its subnet prefix ({@code ifa_prefixlen})
 */
public record InterfaceAddress(int index, byte[] address, int prefixLength) {
    public InterfaceAddress {
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("address must be 4 or 16 bytes, was " + address.length);
        }
    }
}
