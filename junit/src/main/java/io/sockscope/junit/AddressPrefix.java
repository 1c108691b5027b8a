package io.sockscope.junit;

import java.net.InetAddress;

/** A numeric address, or a prefix of them ({@code 10.0.0.0/8}, {@code fe80::/10}), from an allow-list. */
record AddressPrefix(byte[] network, int length, String text) {
    static AddressPrefix parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] network;
        try {
            // A literal only: an allow-list never waits for a name server.
            network = InetAddress.ofLiteral(address).getAddress();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a numeric address or prefix: \"" + text + "\"", e);
        }
        int bits = network.length * 8;
        int length = bits;
        if (slash >= 0) {
            try {
                length = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0 || length > bits) {
                throw new IllegalArgumentException("not a prefix length for " + address + ": \"" + text + "\"");
            }
        }
        return new AddressPrefix(network, length, trimmed);
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = length / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = length % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (bytes[full] & mask) == (network[full] & mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressPrefix p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
