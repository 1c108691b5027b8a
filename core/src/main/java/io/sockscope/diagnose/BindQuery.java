package io.sockscope.diagnose;

import java.net.InetAddress;

/**
 * "Why would this bind fail?"
 *
 * @param transport TCP or UDP
 * @param address   the address to bind, or null for every address (0.0.0.0 and [::])
 * @param port      1 to 65535
 * @param user      the user who will bind, or null for the doctor's own user
 */
public record BindQuery(Transport transport, InetAddress address, int port, String user) {
    public BindQuery {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535: " + port);
        }
    }
}
