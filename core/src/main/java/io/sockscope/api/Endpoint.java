package io.sockscope.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * One end of an internet socket.
 *
 * @param address       the address as ss prints it (glibc's text form, without brackets): {@code 127.0.0.1},
 *                      {@code ::1}, {@code ::ffff:10.0.0.1}
 * @param port          the port, 0 for none (ss prints {@code *})
 * @param interfaceName the device the socket is bound to ({@code SO_BINDTODEVICE}), or null
 * @param v4Mapped      whether an IPv6 socket's address is an IPv4 address in the {@code ::ffff:0:0/96} range
 * @param wildcard      whether the address is {@code 0.0.0.0} or {@code ::}
 */
public record Endpoint(String address, int port, String interfaceName, boolean v4Mapped, boolean wildcard) {
    public Endpoint {
        Objects.requireNonNull(address, "address");
    }

    /** The address as a {@link InetAddress} (a v4-mapped address comes back as the IPv4 address). */
    public InetAddress inetAddress() {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an address literal: " + address, e);
        }
    }
}
