package io.sockscope.diagnose;

import io.sockscope.model.InetSocket;
import io.sockscope.model.TcpState;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code ADDRESS_IN_USE}: who holds the port a bind asks for. A listener (or, for UDP, any bound socket)
 * makes the bind fail; connections and TIME-WAIT sockets make it fail only for programs that do not set
 * SO_REUSEADDR.
 */
final class AddressInUseCheck {
    private static final int MAX_ROWS = 5;

    private AddressInUseCheck() {
    }

    static List<Finding> run(BindQuery query, Snapshot snapshot, List<SocketSighting> holdersOut) {
        Transport t = query.transport();
        List<InetSocket> holders = snapshot.inet(t).stream()
                .filter(s -> s.local().port() == query.port())
                .filter(s -> overlaps(s, query.address(), snapshot))
                .toList();
        if (holders.isEmpty()) {
            return List.of();
        }
        List<InetSocket> listeners = holders.stream().filter(s -> t == Transport.UDP
                || SocketFacts.hasState(s, TcpState.LISTEN)).toList();
        List<InetSocket> timeWait = holders.stream().filter(s -> SocketFacts.hasState(s, TcpState.TIME_WAIT)).toList();
        List<InetSocket> shown = !listeners.isEmpty() ? listeners : holders;
        List<SocketSighting> rows = shown.subList(0, Math.min(MAX_ROWS, shown.size())).stream()
                .map(s -> new SocketSighting(s, snapshot.ownersOf(s.inode()))).toList();
        holdersOut.addAll(rows);
        String where = (query.address() == null ? "" : ReadableAddress.of(query.address()) + " ") + t.label() + " port "
                + query.port();
        if (!listeners.isEmpty()) {
            String who = OwnerText.of(listeners.stream().flatMap(s -> snapshot.ownersOf(s.inode()).stream()).toList());
            String endpoints = listeners.stream().map(s -> ReadableAddress.of(s.local())).distinct()
                    .collect(Collectors.joining(", "));
            return List.of(new Finding(FindingCode.ADDRESS_IN_USE, Severity.ERROR,
                    who + (t == Transport.TCP ? " already listens on " : " already has ") + endpoints
                            + ": a bind to " + where + " fails with EADDRINUSE",
                    List.of(new Evidence.Sockets(rows)),
                    "Stop " + who + " (often an older instance of the same service) or choose another port; two"
                            + " programs share a port only when both set SO_REUSEPORT and run as the same user."));
        }
        Map<String, Long> states = new TreeMap<>(holders.stream().collect(Collectors.groupingBy(
                s -> TcpState.ofCode(s.state()).ssName(), Collectors.counting())));
        String counts = states.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        boolean onlyTimeWait = timeWait.size() == holders.size();
        String summary = onlyTimeWait
                ? "only TIME-WAIT sockets hold " + where + " (" + counts + "): a bind succeeds with SO_REUSEADDR, and"
                + " without it once they clear (within 60 s)"
                : "connections still use " + where + " (" + counts + "): a bind succeeds only with SO_REUSEADDR";
        return List.of(new Finding(FindingCode.ADDRESS_IN_USE, Severity.WARNING, summary,
                List.of(new Evidence.Fact(counts + " on " + where), new Evidence.Sockets(rows)),
                "Set SO_REUSEADDR before bind() (most servers do; Python: socket.setsockopt(SOL_SOCKET,"
                        + " SO_REUSEADDR, 1))"
                        + (onlyTimeWait ? ", or wait for the TIME-WAIT sockets to clear." : ".")));
    }

    /** Whether a socket bound to {@code s}'s address conflicts with a bind to {@code address} (null: any). */
    static boolean overlaps(InetSocket s, InetAddress address, Snapshot snapshot) {
        if (address == null) {
            return true;
        }
        byte[] held = s.local().address();
        byte[] wanted = address.getAddress();
        boolean heldWildcard = s.local().isWildcard();
        boolean wantedWildcard = address.isAnyLocalAddress();
        if (address instanceof Inet4Address) {
            if (held.length == 4) {
                return heldWildcard || wantedWildcard || Arrays.equals(held, wanted);
            }
            if (SocketFacts.v6only(s, snapshot)) {
                return false;
            }
            return heldWildcard || ReadableAddress.isMapped(held)
                    && (wantedWildcard || Arrays.equals(Arrays.copyOfRange(held, 12, 16), wanted));
        }
        if (held.length == 16) {
            return heldWildcard || wantedWildcard || Arrays.equals(held, wanted);
        }
        // An IPv4 socket conflicts with [::] only when the new socket would take IPv4 too.
        return wantedWildcard && !snapshot.sysctl("net.ipv6.bindv6only").map("1"::equals).orElse(false);
    }
}
