package io.sockscope.diagnose;

import io.sockscope.model.InetEndpoint;

import java.util.List;

/**
 * One listener of an audit: the sockets bound to one local address and port (several with SO_REUSEPORT), and
 * the doctor's answer for their clients.
 *
 * @param local         the bound address and port
 * @param interfaceName the device the sockets are bound to, or null
 * @param owner         who holds them, as the verdicts name owners: {@code nginx (pids 10, 11)}
 * @param sockets       the listening sockets with their owners
 * @param label         the verdict in a word: {@code ok}, {@code loopback-only}, {@code v6-only}, {@code v4-only},
 *                      {@code wrong-address}, {@code firewalled}, {@code backlog-full}, {@code leaking},
 *                      {@code fd-limit-near}, {@code ephemeral-ports-low}, {@code undecided}
 * @param diagnosis     the answer {@code doctor ADDRESS:PORT} (or {@code doctor PORT} for a wildcard) gives
 */
public record ListenerAudit(InetEndpoint local, String interfaceName, String owner, List<SocketSighting> sockets,
                            String label, Diagnosis diagnosis) {
    public ListenerAudit {
        sockets = List.copyOf(sockets);
    }

    /** The listener as {@code 0.0.0.0:80}, {@code [::1]:53}, {@code 0.0.0.0%eth0:67}. */
    public String describe() {
        if (interfaceName == null) {
            return ReadableAddress.of(local);
        }
        String text = ReadableAddress.of(local);
        int colon = text.lastIndexOf(':');
        return text.substring(0, colon) + "%" + interfaceName + text.substring(colon);
    }
}
