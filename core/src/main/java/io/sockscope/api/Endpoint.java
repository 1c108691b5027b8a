package io.sockscope.api;

import java.net.InetAddress;

/**
 * One end of an internet socket. Made by the library only; two endpoints are {@linkplain Object#equals equal}
 * when every accessor answers alike. Accessors may be added in a later version (docs/library.md, Compatibility).
 */
public sealed interface Endpoint permits EndpointRecord {
    /**
     * {@return the address as ss prints it} That is glibc's text form, without brackets: {@code 127.0.0.1},
     * {@code ::1}, {@code ::ffff:10.0.0.1}. Never null.
     */
    String address();

    /** {@return the port, 0 for none (ss prints {@code *})} */
    int port();

    /** {@return the device the socket is bound to ({@code SO_BINDTODEVICE}), or null for none} */
    String interfaceName();

    /** {@return whether an IPv6 socket's address is an IPv4 address in the {@code ::ffff:0:0/96} range} */
    boolean v4Mapped();

    /** {@return whether the address is {@code 0.0.0.0} or {@code ::}} */
    boolean wildcard();

    /**
     * {@return the address as an {@link InetAddress}} Made from the text, with no name lookup; a v4-mapped
     * address comes back as the IPv4 address.
     */
    InetAddress inetAddress();
}
