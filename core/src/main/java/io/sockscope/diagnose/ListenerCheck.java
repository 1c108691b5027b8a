package io.sockscope.diagnose;

import io.sockscope.model.InetSocket;
import io.sockscope.model.Owner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The first step of the method: is something bound where the client's packets go? Finds
 * {@code LOOPBACK_ONLY}, {@code WRONG_ADDRESS}, {@code V6_ONLY} and {@code V4_ONLY} when listeners exist but none
 * takes the client; when there is none, {@code LISTENING_IN_OTHER_NETNS} (see {@link OtherNamespaceCheck}) if the
 * port listens in another network namespace, else {@code NOT_LISTENING} (see {@link NotListeningCheck}).
 */
final class ListenerCheck {
    private ListenerCheck() {
    }

    static List<Finding> run(InetExamination ex) {
        if (ex.listeners.isEmpty()) {
            return List.of(OtherNamespaceCheck.finding(ex).orElseGet(() -> NotListeningCheck.finding(ex)));
        }
        if (!ex.accepting().isEmpty()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (ListenerFit fit : List.of(ListenerFit.LOOPBACK, ListenerFit.OTHER_ADDRESS, ListenerFit.V6_ONLY,
                ListenerFit.V4_ONLY)) {
            List<InetSocket> group = ex.listeners.entrySet().stream()
                    .filter(e -> e.getValue() == fit).map(Map.Entry::getKey).toList();
            if (!group.isEmpty()) {
                out.add(switch (fit) {
                    case LOOPBACK -> loopback(ex, group);
                    case OTHER_ADDRESS -> otherAddress(ex, group);
                    case V6_ONLY -> v6only(ex, group);
                    default -> v4only(ex, group);
                });
            }
        }
        return out;
    }

    private static String endpoints(List<InetSocket> sockets) {
        return sockets.stream().map(s -> ReadableAddress.of(s.local())).distinct().collect(Collectors.joining(", "));
    }

    private static Evidence.Fact arrival(InetExamination ex) {
        ClientPath p = ex.path;
        String to = p.destination() != null ? ReadableAddress.of(p.destination())
                + (p.destinationVia() != null ? " (" + p.destinationVia() + ")" : "")
                : "one of this host's addresses";
        String on = p.interfaces().isEmpty() ? "" : " on " + String.join(" or ", p.interfaces());
        return new Evidence.Fact("the client is " + (p.local() ? "on this host" : "remote") + ": its packets arrive"
                + on + " for " + to);
    }

    private static Finding loopback(InetExamination ex, List<InetSocket> group) {
        List<Owner> owners = ex.owners(group);
        String who = OwnerText.of(owners);
        String where = FixText.everyAddress(ex.path.ipVersion())
                + (ex.path.destination() != null ? " or on " + ReadableAddress.of(ex.path.destination()) : "");
        return new Finding(FindingCode.LOOPBACK_ONLY, Severity.ERROR,
                who + " listens on " + endpoints(group) + " only, a loopback address that " + ex.path.describe()
                        + " cannot reach",
                List.of(new Evidence.Sockets(ex.sightings(group)), arrival(ex)),
                "Make " + who + " listen on " + where + "."
                        + FixText.daemonSettings(owners, DaemonAdvice.Daemon::address, ex.target.port()));
    }

    private static Finding otherAddress(InetExamination ex, List<InetSocket> group) {
        List<Owner> owners = ex.owners(group);
        String who = OwnerText.of(owners);
        InetSocket first = group.getFirst();
        List<Evidence> evidence = new ArrayList<>(List.of(new Evidence.Sockets(ex.sightings(group)), arrival(ex)));
        String summary;
        String device = first.ifindex() != 0 ? ex.snapshot.interfaceNames().get(first.ifindex()) : null;
        if (device != null && !ex.path.interfaces().contains(device)) {
            summary = who + " listens on " + endpoints(group) + " bound to device " + device + ", but "
                    + ex.path.describe() + " arrives on " + String.join(" or ", ex.path.interfaces());
        } else {
            summary = who + " listens on " + endpoints(group) + ", but " + ex.path.describe() + " connects to "
                    + ReadableAddress.of(ex.path.destination());
        }
        String fix = "Connect to " + ReadableAddress.of(first.local()) + ", or make " + who + " listen on "
                + (ex.path.destination() != null ? ReadableAddress.of(ex.path.destination()) + " or " : "")
                + FixText.everyAddress(ex.path.ipVersion()) + "."
                + FixText.daemonSettings(owners, DaemonAdvice.Daemon::address, ex.target.port());
        return new Finding(FindingCode.WRONG_ADDRESS, Severity.ERROR, summary, evidence, fix);
    }

    private static Finding v6only(InetExamination ex, List<InetSocket> group) {
        List<Owner> owners = ex.owners(group);
        String who = OwnerText.of(owners);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence.Sockets(ex.sightings(group)));
        boolean flag = group.stream().anyMatch(s -> s.local().isWildcard());
        String summary;
        if (flag) {
            summary = who + " listens on " + endpoints(group) + " for IPv6 only (IPV6_V6ONLY), so "
                    + ex.path.describe() + " is refused";
            InetSocket wildcard = group.stream().filter(s -> s.local().isWildcard()).findFirst().orElseThrow();
            if (wildcard.v6only() >= 0) {
                evidence.add(new Evidence.Fact("the socket reports v6only=" + wildcard.v6only()));
            }
            ex.snapshot.sysctl("net.ipv6.bindv6only").ifPresent(v -> evidence.add(new Evidence.Fact(
                    "net.ipv6.bindv6only = " + v + ("1".equals(v)
                            ? ": IPv6 sockets refuse IPv4 clients unless the program clears IPV6_V6ONLY"
                            : ": the program set IPV6_V6ONLY itself"))));
        } else {
            summary = who + " listens on " + endpoints(group) + ", an IPv6 address, which " + ex.path.describe()
                    + (ex.path.source() != null ? " (IPv4)" : "") + " cannot reach";
        }
        if (ex.path.familyAssumed()) {
            evidence.add(new Evidence.Fact("the client was taken to be IPv4; give --from or [ADDRESS]:PORT for an"
                    + " IPv6 client"));
        }
        String fix = "Make " + who + " also listen on 0.0.0.0:" + ex.target.port()
                + (flag ? ", or clear IPV6_V6ONLY on its [::] socket so that it takes IPv4 clients too" : "") + "."
                + FixText.daemonSettings(owners, DaemonAdvice.Daemon::family, ex.target.port());
        return new Finding(FindingCode.V6_ONLY, Severity.ERROR, summary, evidence, fix);
    }

    private static Finding v4only(InetExamination ex, List<InetSocket> group) {
        List<Owner> owners = ex.owners(group);
        String who = OwnerText.of(owners);
        return new Finding(FindingCode.V4_ONLY, Severity.ERROR,
                who + " listens on IPv4 only (" + endpoints(group) + "), so " + ex.path.describe()
                        + (ex.path.source() != null ? " (IPv6)" : "") + " cannot connect",
                List.of(new Evidence.Sockets(ex.sightings(group))),
                "Make " + who + " also listen on [::]:" + ex.target.port() + ", or have clients use IPv4."
                        + FixText.daemonSettings(owners, DaemonAdvice.Daemon::family, ex.target.port()));
    }
}
