package io.sockscope.diagnose;

import io.sockscope.model.InetSocket;

import java.util.Arrays;
import java.util.Map;

/** Whether one listening socket takes the client's connections, and if not, why. */
enum ListenerFit {
    /** It does. */
    ACCEPTS,
    /** Bound to a loopback address; the client is remote. */
    LOOPBACK,
    /** Bound to another specific address, or to a device the packets do not arrive on. */
    OTHER_ADDRESS,
    /** IPv6 only, the client is IPv4. */
    V6_ONLY,
    /** IPv4, the client is IPv6. */
    V4_ONLY;

    /** Judges {@code s} for the client on {@code path}. */
    static ListenerFit judge(InetSocket s, ClientPath path, Snapshot snapshot) {
        return judge(s, path, SocketFacts.v6only(s, snapshot), snapshot.interfaceNames());
    }

    /**
     * Judges {@code s} for the client on {@code path}, in a namespace whose settings are given rather than read
     * from a snapshot.
     *
     * @param v6only         whether {@code s}, if it is an IPv6 socket, refuses IPv4 clients
     * @param interfaceNames the socket's namespace's interface names by index
     */
    static ListenerFit judge(InetSocket s, ClientPath path, boolean v6only, Map<Integer, String> interfaceNames) {
        byte[] bound = s.local().address();
        boolean wildcard = s.local().isWildcard();
        // A loopback bind is the first thing to say, whatever the families.
        if (!path.local() && ReadableAddress.isLoopback(bound)) {
            return LOOPBACK;
        }
        byte[] effective = bound;
        if (bound.length == 4) {
            if (path.ipVersion() == 6) {
                return V4_ONLY;
            }
        } else if (path.ipVersion() == 4) {
            if (v6only) {
                return V6_ONLY;
            }
            if (ReadableAddress.isMapped(bound)) {
                effective = Arrays.copyOfRange(bound, 12, 16);
            } else if (!wildcard) {
                return V6_ONLY; // a real IPv6 address cannot receive IPv4 packets
            }
        } else if (ReadableAddress.isMapped(bound)) {
            return V4_ONLY;
        }
        if (s.ifindex() != 0) {
            String device = interfaceNames.get(s.ifindex());
            if (device != null && !path.interfaces().isEmpty() && !path.interfaces().contains(device)) {
                return OTHER_ADDRESS;
            }
        }
        if (wildcard) {
            return ACCEPTS;
        }
        if (path.destination() == null) {
            return ACCEPTS; // the client may well use this address
        }
        return Arrays.equals(effective, path.destination().getAddress()) ? ACCEPTS : OTHER_ADDRESS;
    }
}
