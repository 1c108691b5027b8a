package io.sockscope.diagnose;

import io.sockscope.model.InetSocket;
import io.sockscope.model.Owner;
import io.sockscope.model.TcpState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code NOT_LISTENING}: nothing is bound to the port. The evidence is what is nearby: the same port in the
 * other transport, the daemon that usually serves this port listening elsewhere, where the processes that
 * still hold connections on the port listen now (same owner, other port or address), the closest listening
 * ports, and connections the port still has (a server that stopped a moment ago leaves TIME-WAIT behind).
 */
final class NotListeningCheck {
    /** Ports this close to the target count as "nearby". */
    private static final int NEARBY = 10;
    private static final int MAX_ROWS = 3;

    private NotListeningCheck() {
    }

    static Finding finding(InetExamination ex) {
        InetTarget t = ex.target;
        List<Evidence> evidence = new ArrayList<>();
        String fix = null;
        if (t.address() != null && !t.address().isLoopbackAddress() && !t.address().isAnyLocalAddress()
                && ex.snapshot.addresses().stream().noneMatch(a -> Arrays.equals(a.address().getAddress(),
                t.address().getAddress()))) {
            evidence.add(new Evidence.Fact(ReadableAddress.of(t.address()) + " is not an address of this host (of this"
                    + " network namespace); its addresses are " + ex.snapshot.addresses().stream()
                    .map(a -> ReadableAddress.of(a.address()) + " (" + a.interfaceName() + ")")
                    .collect(Collectors.joining(", "))));
            fix = "Connect to an address of this host, or run the doctor on the host that has "
                    + ReadableAddress.of(t.address()) + ".";
        }
        List<InetSocket> otherTransport = ex.snapshot.inet(t.transport().other()).stream()
                .filter(s -> SocketFacts.isListening(s, t.transport().other()) && s.local().port() == t.port())
                .toList();
        if (!otherTransport.isEmpty()) {
            evidence.add(new Evidence.Fact(t.transport().other().label() + " port " + t.port() + " is bound, but "
                    + t.transport().label() + " is not"));
            evidence.add(new Evidence.Sockets(ex.sightings(otherTransport)));
            if (fix == null) {
                fix = "The service on port " + t.port() + " speaks " + t.transport().other().label()
                        + (t.transport() == Transport.TCP ? ": ask again with --udp, or"
                        : ": ask again without --udp, or")
                        + " make the client use " + t.transport().other().label() + ".";
            }
        }
        List<InetSocket> listening = ex.snapshot.inet(t.transport()).stream()
                .filter(s -> SocketFacts.isListening(s, t.transport())).toList();
        List<DaemonAdvice.Daemon> usual = DaemonAdvice.byPort(t.port());
        List<InetSocket> daemonElsewhere = listening.stream()
                .filter(s -> ex.snapshot.ownersOf(s.inode()).stream()
                        .anyMatch(o -> DaemonAdvice.byCommand(o.command().text()).filter(usual::contains).isPresent()))
                .toList();
        if (!daemonElsewhere.isEmpty()) {
            List<Owner> owners = ex.owners(daemonElsewhere);
            String ports = daemonElsewhere.stream().map(s -> String.valueOf(s.local().port())).distinct()
                    .collect(Collectors.joining(", "));
            DaemonAdvice.Daemon d = DaemonAdvice.byCommand(owners.getFirst().command().text()).orElseThrow();
            evidence.add(new Evidence.Fact(d.product() + " usually listens on " + t.port() + "; "
                    + OwnerText.of(owners) + " listens on " + ports + " instead"));
            evidence.add(new Evidence.Sockets(ex.sightings(daemonElsewhere)));
            if (fix == null) {
                fix = "Point clients at port " + ports + ", or " + d.port() + " to " + t.port() + " and restart "
                        + OwnerText.of(owners) + ".";
            }
        }
        // The processes that still hold connections on the port, and where they listen now.
        List<InetSocket> leftoverSockets = ex.snapshot.inet(t.transport()).stream()
                .filter(s -> s.local().port() == t.port() && !SocketFacts.isListening(s, t.transport()))
                .toList();
        java.util.Set<Integer> leftoverPids = new java.util.HashSet<>();
        ex.owners(leftoverSockets).forEach(o -> leftoverPids.add(o.pid()));
        List<InetSocket> sameOwner = listening.stream()
                .filter(s -> !daemonElsewhere.contains(s))
                .filter(s -> ex.snapshot.ownersOf(s.inode()).stream().anyMatch(o -> leftoverPids.contains(o.pid())))
                .toList();
        if (!sameOwner.isEmpty()) {
            List<Owner> owners = ex.owners(sameOwner);
            String where = sameOwner.stream().map(s -> ReadableAddress.of(s.local())).distinct()
                    .collect(Collectors.joining(", "));
            evidence.add(new Evidence.Fact(OwnerText.of(owners) + " still has connections on port " + t.port()
                    + " and listens on " + where));
            evidence.add(new Evidence.Sockets(ex.sightings(sameOwner)));
            if (fix == null) {
                fix = OwnerText.of(owners) + " now listens on " + where + ": point clients there, or change its"
                        + " port setting back to " + t.port() + ".";
            }
        }
        List<InetSocket> nearby = listening.stream()
                .filter(s -> s.local().port() != t.port() && Math.abs(s.local().port() - t.port()) <= NEARBY)
                .filter(s -> !daemonElsewhere.contains(s) && !sameOwner.contains(s))
                .sorted(Comparator.comparingInt(s -> Math.abs(s.local().port() - t.port())))
                .limit(MAX_ROWS)
                .toList();
        if (!nearby.isEmpty()) {
            evidence.add(new Evidence.Fact("listening nearby: " + nearby.stream()
                    .map(s -> ReadableAddress.of(s.local()) + " (" + OwnerText.of(ex.snapshot.ownersOf(s.inode())) + ")")
                    .collect(Collectors.joining(", "))));
            evidence.add(new Evidence.Sockets(ex.sightings(nearby)));
        }
        List<InetSocket> leftovers = leftoverSockets;
        if (!leftovers.isEmpty()) {
            Map<String, Long> states = new TreeMap<>(leftovers.stream().collect(Collectors.groupingBy(
                    s -> TcpState.ofCode(s.state()).ssName(), Collectors.counting())));
            evidence.add(new Evidence.Fact("port " + t.port() + " still has connections (" + states.entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))
                    + "): a server used it recently and has stopped listening"));
            List<InetSocket> shown = leftovers.subList(0, Math.min(MAX_ROWS, leftovers.size()));
            evidence.add(new Evidence.Sockets(ex.sightings(shown)));
        }
        if (fix == null) {
            String daemons = usual.isEmpty() ? "" : " (" + t.transport().label() + " " + t.port() + " is usually "
                    + usual.stream().map(DaemonAdvice.Daemon::product).collect(Collectors.joining(" or ")) + ")";
            fix = "Start the service that should listen on " + t.transport().label() + " port " + t.port() + daemons
                    + " and read its log for why it did not bind; 'sockscope doctor bind " + t.port()
                    + (t.transport() == Transport.UDP ? " --udp" : "") + "' tells whether a bind can succeed.";
        }
        String where = t.address() != null ? " at " + ReadableAddress.of(t.address()) : "";
        return new Finding(FindingCode.NOT_LISTENING, Severity.ERROR,
                "nothing listens on " + t.transport().label() + " port " + t.port() + where, evidence, fix);
    }
}
