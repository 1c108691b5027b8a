package io.sockscope.diagnose;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * A TCP or UDP port, on one local address or on whichever the client uses.
 *
 * @param transport TCP or UDP
 * @param address   the address clients connect to, or null when not given
 * @param port      1 to 65535
 */
public record InetTarget(Transport transport, InetAddress address, int port) implements Target {
    public InetTarget {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535: " + port);
        }
    }

    @Override
    public String describe() {
        if (address == null) {
            return transport.label() + " port " + port;
        }
        String a = ReadableAddress.of(address);
        return transport.label() + " " + (address instanceof Inet4Address ? a : "[" + a + "]") + ":" + port;
    }
}
