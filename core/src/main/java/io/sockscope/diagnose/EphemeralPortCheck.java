package io.sockscope.diagnose;

import io.sockscope.model.InetSocket;
import io.sockscope.model.TcpState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code EPHEMERAL_PORTS_LOW}: connections from this host to one destination (address and port) use most of
 * the ephemeral port range. A connection needs a local port unique for its destination, TIME-WAIT ones
 * included, so when the range is used up connect() fails with EADDRNOTAVAIL.
 */
final class EphemeralPortCheck {
    private static final int MAX_ROWS = 3;

    private EphemeralPortCheck() {
    }

    /** The ephemeral port range from {@code net.ipv4.ip_local_port_range}, e.g. {@code [32768, 60999]}. */
    static Optional<int[]> range(Snapshot snapshot) {
        return snapshot.sysctl("net.ipv4.ip_local_port_range").flatMap(v -> {
            String[] parts = v.trim().split("\\s+");
            try {
                if (parts.length != 2) {
                    return Optional.empty();
                }
                return Optional.of(new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])});
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    static List<Finding> run(InetExamination ex) {
        if (ex.transport() != Transport.TCP) {
            return List.of();
        }
        Optional<int[]> range = range(ex.snapshot);
        if (range.isEmpty()) {
            return List.of();
        }
        int low = range.get()[0];
        int high = range.get()[1];
        int size = high - low + 1;
        Map<String, List<InetSocket>> byDestination = new LinkedHashMap<>();
        for (InetSocket s : ex.snapshot.inet(Transport.TCP)) {
            if (SocketFacts.hasState(s, TcpState.LISTEN) || s.peer().port() != ex.target.port()) {
                continue;
            }
            int local = s.local().port();
            if (local < low || local > high) {
                continue;
            }
            String key = ReadableAddress.of(s.local().address()) + " → " + ReadableAddress.of(s.peer());
            byDestination.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
        }
        List<Finding> out = new ArrayList<>();
        String reuse = ex.snapshot.sysctl("net.ipv4.tcp_tw_reuse").orElse("?");
        for (Map.Entry<String, List<InetSocket>> e : byDestination.entrySet()) {
            List<InetSocket> used = e.getValue();
            // With tcp_tw_reuse (1: always; 2, the default: towards loopback) a new connection may take over
            // a TIME-WAIT port, so only the other states press on the range.
            boolean loopback = ReadableAddress.isLoopback(used.getFirst().peer().address());
            boolean twReusable = "1".equals(reuse) || "2".equals(reuse) && loopback;
            long pressing = twReusable
                    ? used.stream().filter(s -> !SocketFacts.hasState(s, TcpState.TIME_WAIT)).count()
                    : used.size();
            if (pressing < ex.thresholds.ephemeralFraction() * size) {
                continue;
            }
            Map<String, Long> states = new TreeMap<>(used.stream().collect(Collectors.groupingBy(
                    s -> TcpState.ofCode(s.state()).ssName(), Collectors.counting())));
            out.add(new Finding(FindingCode.EPHEMERAL_PORTS_LOW, Severity.WARNING,
                    "connections " + e.getKey() + " use " + pressing + " of the " + size + " ephemeral ports:"
                            + " new ones will fail with EADDRNOTAVAIL",
                    List.of(new Evidence.Fact(used.size() + " connections " + e.getKey() + " (" + counts(states)
                                    + ")" + (twReusable ? "; TIME-WAIT ports can be taken over (tcp_tw_reuse)"
                                    : "; TIME-WAIT ports count too (tcp_tw_reuse does not apply)")),
                            new Evidence.Fact("net.ipv4.ip_local_port_range = " + low + " " + high + " (" + size
                                    + " ports), net.ipv4.tcp_tw_reuse = " + reuse),
                            new Evidence.Sockets(ex.sightings(used.subList(0, Math.min(MAX_ROWS, used.size()))))),
                    "Reuse connections (keep-alive, a connection pool) instead of opening one per request; widen"
                            + " net.ipv4.ip_local_port_range; net.ipv4.tcp_tw_reuse = 1 lets new outgoing connections"
                            + " take over TIME-WAIT ports."));
        }
        return out;
    }

    private static String counts(Map<String, Long> states) {
        return states.entrySet().stream().map(x -> x.getValue() + " " + x.getKey()).collect(Collectors.joining(", "));
    }
}
