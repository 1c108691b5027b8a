package io.sockscope.diagnose;

import java.net.InetAddress;
import java.util.Objects;

/**
 * "What stops clients of any listener here?" ({@code doctor --all}): every listening socket of one transport,
 * each judged as {@code doctor ADDRESS:PORT} would judge it.
 *
 * @param transport       TCP listeners, or UDP sockets bound and not connected
 * @param from            the client's address, or null for remote clients; it applies to the listeners of its
 *                        address family (those bound to a specific address of the other family are judged for a
 *                        remote client of theirs), never to loopback ones, which are judged for a client on
 *                        this host
 * @param examineFirewall whether to read and evaluate the firewall ruleset
 */
public record AuditQuery(Transport transport, InetAddress from, boolean examineFirewall) {
    public AuditQuery {
        Objects.requireNonNull(transport, "transport");
    }
}
