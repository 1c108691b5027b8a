package io.sockscope.diagnose.firewall;

import java.net.InetAddress;
import java.util.List;

/**
 * The first packet of a new connection (or the first datagram) a client sends to this host, as far as the
 * doctor knows it. Unknown parts stay unknown: a rule that tests them is undecided, never guessed.
 *
 * @param ipVersion        4 or 6
 * @param transport        {@code tcp} or {@code udp}
 * @param source           the client's address, or null when unknown (then it is some non-loopback address)
 * @param destinations     the local addresses the packet may be sent to (every one is tried); empty when unknown
 * @param destinationPort  the port
 * @param inputInterfaces  the interfaces it may arrive on (every one is tried); empty when unknown
 * @param localClient      the client runs on this host: the packet first passes the output and postrouting
 *                         hooks, leaving and arriving on {@code lo}
 */
public record Probe(int ipVersion, String transport, InetAddress source, List<InetAddress> destinations,
                    int destinationPort, List<String> inputInterfaces, boolean localClient) {
    /** Clients connect from unprivileged ports; which one is not known. */
    public static final int CLIENT_PORT_LOW = 1024;
    public static final int CLIENT_PORT_HIGH = 65535;

    public Probe {
        if (ipVersion != 4 && ipVersion != 6) {
            throw new IllegalArgumentException("IP version must be 4 or 6: " + ipVersion);
        }
        if (!transport.equals("tcp") && !transport.equals("udp")) {
            throw new IllegalArgumentException("transport must be tcp or udp: " + transport);
        }
        destinations = List.copyOf(destinations);
        inputInterfaces = List.copyOf(inputInterfaces);
    }

    /** The hooks such a packet passes on its way to a local socket, in order. */
    public List<Hook> hooks() {
        return localClient
                ? List.of(Hook.OUTPUT, Hook.POSTROUTING, Hook.INGRESS, Hook.PREROUTING, Hook.INPUT)
                : List.of(Hook.INGRESS, Hook.PREROUTING, Hook.INPUT);
    }
}
