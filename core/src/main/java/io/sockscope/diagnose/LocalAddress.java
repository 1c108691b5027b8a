package io.sockscope.diagnose;

import java.net.InetAddress;

/**
 * An address configured on a local interface.
 *
 * @param interfaceName the interface, e.g. {@code eth0}
 * @param address       the address
 * @param prefixLength  the length of its subnet prefix
 */
public record LocalAddress(String interfaceName, InetAddress address, int prefixLength) {
    /** Whether {@code other} is inside this address's subnet. */
    public boolean subnetContains(InetAddress other) {
        byte[] a = address.getAddress();
        byte[] b = other.getAddress();
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < prefixLength && i < a.length * 8; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
