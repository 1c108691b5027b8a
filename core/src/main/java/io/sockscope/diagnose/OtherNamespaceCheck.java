package io.sockscope.diagnose;

import io.sockscope.model.InetSocket;
import io.sockscope.model.Owner;
import io.sockscope.model.Workload;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code LISTENING_IN_OTHER_NETNS}: nothing is bound to the port in the examined network namespace, but a socket
 * listens on it in another one — the service runs in a container (or an {@code ip netns} namespace) whose port
 * nobody published, or the doctor was asked on the wrong side. The client's packets never reach it, so the
 * verdict stays that of {@code NOT_LISTENING}; this finding takes its place because it says why.
 */
final class OtherNamespaceCheck {
    /** Namespaces shown in full; the rest are counted. */
    private static final int MAX_NAMESPACES = 5;
    /** Namespaces named in the summary. */
    private static final int MAX_IN_SUMMARY = 3;

    private OtherNamespaceCheck() {
    }

    /** The listeners of one other namespace on the port. */
    private record Sighting(OtherNamespace namespace, List<InetSocket> sockets) {
        String where() {
            return NamespaceText.of(namespace.netns(), workload()) + " on " + endpoints(sockets);
        }

        /** The workload of the first socket that has one: a namespace is usually one container's. */
        Workload workload() {
            return sockets.stream().map(s -> namespace.workloadOf(s.inode())).filter(w -> !w.isEmpty()).findFirst()
                    .orElse(Workload.NONE);
        }

        List<Owner> owners() {
            return namespace.ownersOf(sockets);
        }
    }

    /** The finding, when some other namespace that was read listens on the port. */
    static Optional<Finding> finding(InetExamination ex) {
        OtherNamespaces others = ex.snapshot.others();
        if (others == null) {
            return Optional.empty();
        }
        InetTarget t = ex.target;
        List<Sighting> sightings = new ArrayList<>();
        for (OtherNamespace n : others.namespaces()) {
            List<InetSocket> on = n.listeners().stream()
                    .filter(s -> SocketFacts.isListening(s, t.transport()) && s.local().port() == t.port()).toList();
            if (!on.isEmpty()) {
                sightings.add(new Sighting(n, on));
            }
        }
        if (sightings.isEmpty()) {
            return Optional.empty();
        }
        String what = t.transport().label() + " port " + t.port();
        String here = t.address() != null ? " at " + ReadableAddress.of(t.address()) : "";
        String summary;
        if (sightings.size() == 1) {
            Sighting only = sightings.getFirst();
            summary = "nothing listens on " + what + here + " in this network namespace, but "
                    + OwnerText.of(only.owners()) + " listens on it in " + NamespaceText.of(only.namespace().netns(),
                    only.workload()) + ", bound to " + endpoints(only.sockets());
        } else {
            summary = "nothing listens on " + what + here + " in this network namespace, but it listens in "
                    + sightings.size() + " other network namespaces: " + sightings.stream().limit(MAX_IN_SUMMARY)
                    .map(Sighting::where).collect(Collectors.joining("; "))
                    + (sightings.size() > MAX_IN_SUMMARY ? "; …" : "");
        }
        List<Evidence> evidence = new ArrayList<>();
        if (t.address() != null) {
            others.holding(t.address()).ifPresent(n -> evidence.add(new Evidence.Fact(ReadableAddress.of(t.address())
                    + " is an address of " + NamespaceText.of(n.netns(), Workload.NONE) + " ("
                    + n.address(t.address()).orElseThrow().interfaceName() + "), not of this one")));
        }
        for (Sighting s : sightings.subList(0, Math.min(MAX_NAMESPACES, sightings.size()))) {
            evidence.addAll(sockets(s));
            String addresses = reachable(s.namespace()).stream()
                    .map(a -> ReadableAddress.of(a.address()) + "/" + a.prefixLength() + " (" + a.interfaceName() + ")")
                    .collect(Collectors.joining(", "));
            evidence.add(new Evidence.Fact(NamespaceText.of(s.namespace().netns(), Workload.NONE) + " has "
                    + (addresses.isEmpty() ? "no address but its loopback" : addresses)));
        }
        if (sightings.size() > MAX_NAMESPACES) {
            evidence.add(new Evidence.Fact("and " + (sightings.size() - MAX_NAMESPACES) + " more network namespaces"
                    + " listen on " + what));
        }
        return Optional.of(new Finding(FindingCode.LISTENING_IN_OTHER_NETNS, Severity.ERROR, summary, evidence,
                fix(ex, sightings.getFirst())));
    }

    /** One piece of evidence per workload: the sockets of a pod's containers are shown apart. */
    static List<Evidence> sockets(OtherNamespace n, List<InetSocket> sockets) {
        Map<Workload, List<SocketSighting>> byWorkload = new LinkedHashMap<>();
        for (InetSocket s : sockets) {
            byWorkload.computeIfAbsent(n.workloadOf(s.inode()), k -> new ArrayList<>())
                    .add(new SocketSighting(s, n.ownersOf(s.inode())));
        }
        List<Evidence> out = new ArrayList<>();
        byWorkload.forEach((w, rows) -> out.add(new Evidence.NamespaceSockets(n.netns(), w, n.interfaceNames(), rows)));
        return out;
    }

    private static List<Evidence> sockets(Sighting s) {
        return sockets(s.namespace(), s.sockets());
    }

    /** The namespace's addresses other than loopback: those a client outside it could be sent to. */
    private static List<LocalAddress> reachable(OtherNamespace n) {
        return n.addresses().stream().filter(a -> !a.address().isLoopbackAddress() && !a.address().isLinkLocalAddress())
                .toList();
    }

    private static String fix(InetExamination ex, Sighting s) {
        InetTarget t = ex.target;
        String who = OwnerText.of(s.owners());
        String namespace = NamespaceText.of(s.namespace().netns(), Workload.NONE);
        int ipVersion = ex.path.ipVersion();
        boolean loopbackOnly = s.sockets().stream().allMatch(x -> ReadableAddress.isLoopback(x.local().address()));
        Optional<InetAddress> address = connectable(s, ipVersion);
        String publish = "publish the port to this network namespace (a DNAT rule"
                + address.map(a -> " to " + ReadableAddress.of(a, t.port())).orElse("")
                + "; for a Docker container: docker run -p " + t.port() + ":" + t.port()
                + (t.transport() == Transport.UDP ? "/udp" : "") + ")";
        String fix;
        if (loopbackOnly) {
            fix = "Make " + who + " listen on " + FixText.everyAddress(ipVersion) + " inside " + namespace
                    + " (bound to its loopback address, it takes only clients inside it), then "
                    + address.map(a -> "connect to " + ReadableAddress.of(a, t.port()) + " or ").orElse("") + publish
                    + ".";
        } else {
            fix = address.map(a -> "Connect to " + ReadableAddress.of(a, t.port()) + ", an address of " + namespace
                    + ", or ").orElse("Run the client inside " + namespace + ", or ") + publish + ".";
        }
        return fix + examineThere(s.namespace(), t);
    }

    /** Where a client outside the namespace could connect: the bound address, or the namespace's own. */
    private static Optional<InetAddress> connectable(Sighting s, int ipVersion) {
        for (InetSocket x : s.sockets()) {
            byte[] bound = x.local().address();
            if (!x.local().isWildcard() && !ReadableAddress.isLoopback(bound) && !ReadableAddress.isMapped(bound)) {
                return Optional.of(ReadableAddress.address(bound));
            }
        }
        return reachable(s.namespace()).stream().map(LocalAddress::address)
                .filter(a -> ReadableAddress.isV4(a) == (ipVersion == 4)).findFirst();
    }

    /** How to run the doctor inside the namespace, when it can be named on a command line. */
    static String examineThere(OtherNamespace n, InetTarget t) {
        String args = t.port() + (t.transport() == Transport.UDP ? " --udp" : "");
        if (n.netns().name() != null) {
            return " 'sockscope doctor -N " + n.netns().name() + " " + args + "' examines it where it listens.";
        }
        if (!n.netns().pidsSample().isEmpty()) {
            return " 'sockscope doctor -N pid:" + n.netns().pidsSample().getFirst() + " " + args
                    + "' examines it where it listens.";
        }
        return "";
    }

    private static String endpoints(List<InetSocket> sockets) {
        return sockets.stream().map(s -> ReadableAddress.of(s.local())).distinct().collect(Collectors.joining(", "));
    }
}
