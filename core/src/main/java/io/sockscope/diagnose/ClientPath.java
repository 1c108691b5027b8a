package io.sockscope.diagnose;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How the client's packets reach this host, as far as the query and the local addresses tell.
 *
 * @param ipVersion      4 or 6
 * @param familyAssumed  the family was not given (no address, no --from): IPv4 is assumed
 * @param source         the client's address, or null
 * @param local          the client runs on this host (loopback, or one of this host's addresses)
 * @param destination    the local address the packets are sent to, or null when not known
 * @param destinationVia how the destination was learnt, for evidence (null when given or unknown)
 * @param interfaces     the interfaces the packets may arrive on (empty when unknown)
 */
record ClientPath(int ipVersion, boolean familyAssumed, InetAddress source, boolean local, InetAddress destination,
                  String destinationVia, List<String> interfaces) {

    /** Works the path out from the target, the --from address and this host's addresses. */
    static ClientPath resolve(InetTarget target, InetAddress from, List<LocalAddress> addresses,
                              Iterable<String> interfaceNames) {
        int version;
        boolean assumed = false;
        if (from != null) {
            version = from instanceof Inet4Address ? 4 : 6;
        } else if (target.address() != null) {
            version = target.address() instanceof Inet4Address ? 4 : 6;
        } else {
            version = 4;
            assumed = true;
        }
        boolean local;
        if (from != null) {
            local = from.isLoopbackAddress() || isLocal(from, addresses);
        } else {
            local = target.address() != null && target.address().isLoopbackAddress();
        }
        InetAddress destination = target.address();
        String via = null;
        String facing = null;
        if (from != null && !local) {
            for (LocalAddress a : addresses) {
                if (a.subnetContains(from) && !a.address().isLoopbackAddress()) {
                    facing = a.interfaceName();
                    if (destination == null) {
                        destination = a.address();
                        via = "the address of " + a.interfaceName() + ", the interface on the client's subnet";
                    }
                    break;
                }
            }
        }
        List<String> interfaces = new ArrayList<>();
        if (local) {
            interfaces.add("lo");
        } else if (facing != null) {
            interfaces.add(facing);
        } else {
            Set<String> names = new LinkedHashSet<>();
            for (String name : interfaceNames) {
                if (!name.equals("lo")) {
                    names.add(name);
                }
            }
            interfaces.addAll(names);
        }
        return new ClientPath(version, assumed, from, local, destination, via, interfaces);
    }

    private static boolean isLocal(InetAddress a, List<LocalAddress> addresses) {
        for (LocalAddress l : addresses) {
            if (Arrays.equals(l.address().getAddress(), a.getAddress())) {
                return true;
            }
        }
        return false;
    }

    /** How the verdict names the client: {@code a remote client}, {@code a client at 10.0.0.2}, … */
    String describe() {
        if (source != null) {
            return (local ? "a client on this host at " : "a client at ") + ReadableAddress.of(source);
        }
        if (local) {
            return "a client on this host";
        }
        return ipVersion == 4 ? "a remote IPv4 client" : "a remote IPv6 client";
    }
}
