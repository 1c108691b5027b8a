package io.sockscope.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/** The library's {@link Endpoint}; package-private so that its shape can grow (docs/library.md, Compatibility). */
record EndpointRecord(String address, int port, String interfaceName, boolean v4Mapped, boolean wildcard)
        implements Endpoint {
    EndpointRecord {
        Objects.requireNonNull(address, "address");
    }

    @Override
    public InetAddress inetAddress() {
        try {
            // A literal: getByName parses it and asks no resolver.
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an address literal: " + address, e);
        }
    }
}
