package io.sockscope.junit;

import io.sockscope.api.Endpoint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The sockets a test may leave open: by local or peer port, by local or peer address, or by predicate. */
final class AllowList {
    private final Set<Integer> ports;
    private final List<AddressPrefix> addresses;
    private final List<SocketLeakAllowance> predicates;

    AllowList(Set<Integer> ports, List<AddressPrefix> addresses, List<SocketLeakAllowance> predicates) {
        this.ports = Set.copyOf(ports);
        this.addresses = List.copyOf(addresses);
        this.predicates = List.copyOf(predicates);
    }

    boolean allows(LeakedSocket socket) {
        if (matches(socket.local()) || matches(socket.peer())) {
            return true;
        }
        for (SocketLeakAllowance p : predicates) {
            if (p.allows(socket)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(Endpoint end) {
        if (end == null) {
            return false;
        }
        if (end.port() != 0 && ports.contains(end.port())) {
            return true;
        }
        if (addresses.isEmpty()) {
            return false;
        }
        for (AddressPrefix a : addresses) {
            if (a.contains(end.inetAddress())) {
                return true;
            }
        }
        return false;
    }

    /** Gathers an allow-list from the configuration and the annotations, in any order. */
    static final class Builder {
        private final Set<Integer> ports = new LinkedHashSet<>();
        private final List<AddressPrefix> addresses = new ArrayList<>();
        private final List<SocketLeakAllowance> predicates = new ArrayList<>();

        Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("not a port: " + port);
            }
            ports.add(port);
            return this;
        }

        Builder address(String text) {
            addresses.add(AddressPrefix.parse(text));
            return this;
        }

        Builder predicate(SocketLeakAllowance predicate) {
            predicates.add(predicate);
            return this;
        }

        AllowList build() {
            return new AllowList(ports, addresses, predicates);
        }
    }
}
