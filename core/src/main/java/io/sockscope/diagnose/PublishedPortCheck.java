package io.sockscope.diagnose;

import io.sockscope.diagnose.firewall.Chain;
import io.sockscope.diagnose.firewall.FirewallDecision;
import io.sockscope.diagnose.firewall.Hook;
import io.sockscope.diagnose.firewall.RuleElement;
import io.sockscope.diagnose.firewall.Ruleset;
import io.sockscope.model.InetSocket;
import io.sockscope.model.Owner;
import io.sockscope.model.Workload;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Follows a destination NAT rule that takes the client's packets ({@code dnat to 172.17.0.2:80}, how Docker
 * publishes a port) to the network namespace whose interface has that address, and asks there what
 * {@link ListenerCheck} asks here: does a socket take the translated packets? {@code PUBLISHED_TO_NETNS} when one
 * does (information: the port works through the NAT); {@code PUBLISHED_TO_LOOPBACK_ONLY} when the listener there
 * is bound to its loopback address — it works inside the container and is refused from outside;
 * {@code PUBLISHED_TO_WRONG_ADDRESS} when it is bound to another address, family or device;
 * {@code PUBLISHED_NOT_LISTENING} when nothing listens there on the rule's port. A translation to an address of no
 * namespace the doctor read is {@code FIREWALL_UNKNOWN}: it cannot see whether that answers.
 */
final class PublishedPortCheck {
    /** Translations followed; more would be a ruleset the doctor should not summarise. */
    private static final int MAX_TRANSLATIONS = 3;
    /** Sockets shown of what listens where a rule leads instead. */
    private static final int MAX_ROWS = 3;

    private PublishedPortCheck() {
    }

    /**
     * The findings, and what the verdict line says when every packet is translated (else both are null).
     *
     * @param findings  one per translation followed
     * @param ok        the verdict's reason when a listener takes the translated packets, or null
     * @param undecided the verdict's reason when no problem stands in the way but the answer is still open (the
     *                  forward path was not evaluated, or the address is one the doctor could not look at), or
     *                  null
     */
    record Result(List<Finding> findings, String ok, String undecided) {
        static final Result NONE = new Result(List.of(), null, null);

        Result {
            findings = List.copyOf(findings);
        }
    }

    /** Where one translation leads: a namespace and the sockets there that listen on its port. */
    private record Destination(OtherNamespace namespace, LocalAddress address, List<InetSocket> listeners) {
        String describe() {
            return namespace == null ? "this network namespace" : NamespaceText.of(namespace.netns(), workload());
        }

        /** The workload of its listeners on the port, else of any of its listeners: usually one container's. */
        Workload workload() {
            if (namespace == null) {
                return Workload.NONE;
            }
            return java.util.stream.Stream.concat(listeners.stream(), namespace.listeners().stream())
                    .map(s -> namespace.workloadOf(s.inode())).filter(w -> !w.isEmpty())
                    .findFirst().orElse(Workload.NONE);
        }
    }

    /**
     * Whether a diagnosis may need the other namespaces: a destination NAT rule may send the client's packets to
     * an address this namespace does not have, or nothing listens on the port here (unless every packet is
     * translated to an address of this namespace).
     */
    static boolean needsOtherNamespaces(InetExamination ex) {
        FirewallDecision decision = FirewallCheck.decision(ex);
        List<FirewallDecision.Translation> translations = decision == null ? List.of() : decision.translations();
        if (translations.stream().anyMatch(t -> !isOwn(ex.snapshot, t.address()))) {
            return true;
        }
        return ex.listeners.isEmpty() && (decision == null
                || decision.outcome() != FirewallDecision.Outcome.TRANSLATED);
    }

    /**
     * Whether some listener of an audit may be published elsewhere: the ruleset translates to an address this
     * namespace does not have. Then one read of the other namespaces serves the whole audit.
     */
    static boolean mayPublishElsewhere(Snapshot snapshot) {
        Ruleset ruleset = snapshot.ruleset();
        if (ruleset == null) {
            return false;
        }
        return ruleset.chains().stream().flatMap(c -> c.rules().stream()).flatMap(r -> r.elements().stream())
                .anyMatch(e -> e instanceof RuleElement.Dnat d && !isOwn(snapshot, d.address()));
    }

    static Result run(InetExamination ex, FirewallCheck.Result firewall) {
        if (firewall.translations().isEmpty()) {
            return Result.NONE;
        }
        boolean everyPath = firewall.reach() == FirewallCheck.Reach.TRANSLATED;
        List<Finding> findings = new ArrayList<>();
        String ok = null;
        String undecided = null;
        for (FirewallDecision.Translation t : firewall.translations().subList(0,
                Math.min(MAX_TRANSLATIONS, firewall.translations().size()))) {
            Judged judged = judge(ex, t, everyPath);
            findings.add(judged.finding());
            if (ok == null && undecided == null) {
                ok = judged.ok();
                undecided = judged.undecided();
            }
        }
        return new Result(findings, everyPath ? ok : null, everyPath ? undecided : null);
    }

    /** One translation's finding and, when it serves, what the verdict says. */
    private record Judged(Finding finding, String ok, String undecided) {
    }

    /** What one translation says of the port, read where the rule leads. */
    private static Judged judge(InetExamination ex, FirewallDecision.Translation t, boolean everyPath) {
        String what = ex.transport().label() + " port " + ex.target.port();
        String to = ReadableAddress.of(t.address(), t.port());
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(FirewallCheck.rule(t.step().rule()));
        if (!everyPath) {
            evidence.add(new Evidence.Fact("the rule takes only some clients' packets (see FIREWALL_UNKNOWN for what"
                    + " it depends on)"));
        }
        Destination d = destination(ex, t);
        if (d == null) {
            return new Judged(elsewhere(ex, t, what, to, evidence), null, "the firewall sends " + what + " to " + to
                    + " (dnat), where the doctor cannot look (see FIREWALL_UNKNOWN)");
        }
        evidence.add(new Evidence.Fact(ReadableAddress.of(t.address()) + " is the address of "
                + d.address().interfaceName() + " in " + (d.namespace() == null ? "this network namespace"
                : NamespaceText.of(d.namespace().netns(), Workload.NONE))));
        if (!ex.listeners.isEmpty() && everyPath) {
            List<InetSocket> here = ex.relevantListeners();
            evidence.add(new Evidence.Fact("the translation comes first: " + OwnerText.of(ex.owners(here)) + " on "
                    + endpoints(here) + " here does not get these packets"));
        }
        if (d.listeners().isEmpty()) {
            return new Judged(notListening(ex, d, t, what, to, evidence), null, null);
        }
        // The translated packet is a remote client's for the namespace: it arrives on the rule's address.
        ClientPath there = new ClientPath(ReadableAddress.isV4(t.address()) ? 4 : 6, false, ex.path.source(), false,
                t.address(), null, List.of(d.address().interfaceName()));
        Map<ListenerFit, List<InetSocket>> fits = new LinkedHashMap<>();
        for (InetSocket s : d.listeners()) {
            ListenerFit fit = d.namespace() == null ? ListenerFit.judge(s, there, ex.snapshot)
                    : ListenerFit.judge(s, there, s.v6only() == 1, d.namespace().interfaceNames());
            fits.computeIfAbsent(fit, k -> new ArrayList<>()).add(s);
        }
        List<InetSocket> accepting = fits.getOrDefault(ListenerFit.ACCEPTS, List.of());
        if (!accepting.isEmpty()) {
            return served(ex, d, accepting, what, to, evidence);
        }
        boolean loopback = fits.keySet().stream().allMatch(f -> f == ListenerFit.LOOPBACK);
        return new Judged(misbound(ex, d, t, there.ipVersion(), loopback, what, to, evidence), null, null);
    }

    /** A socket there takes the translated packets: the port works, as far as the doctor looked. */
    private static Judged served(InetExamination ex, Destination d, List<InetSocket> accepting, String what, String to,
                                 List<Evidence> evidence) {
        evidence.addAll(sockets(ex, d, accepting));
        String forward = forwardPath(ex, d, evidence);
        String who = OwnerText.of(owners(ex, d, accepting));
        String where = d.describe();
        Finding f = new Finding(FindingCode.PUBLISHED_TO_NETNS, Severity.INFO, what + " is published to " + to + " in "
                + where + ", where " + who + " listens on " + endpoints(accepting), evidence, null);
        String ok = who + " listens on " + endpoints(accepting) + " in " + where + ", to which the firewall sends "
                + what + " (dnat to " + to + ")";
        String undecided = forward == null ? null : ok + ", but whether the firewall's forward path lets "
                + ex.path.describe() + " through is not evaluated (see PUBLISHED_TO_NETNS)";
        return new Judged(f, ok, undecided);
    }

    /** Sockets listen there on the port, but none takes packets for the rule's address. */
    private static Finding misbound(InetExamination ex, Destination d, FirewallDecision.Translation t, int ipVersion,
                                    boolean loopback, String what, String to, List<Evidence> evidence) {
        evidence.addAll(sockets(ex, d, d.listeners()));
        List<Owner> owners = owners(ex, d, d.listeners());
        String who = OwnerText.of(owners);
        String where = d.describe();
        String every = FixText.everyAddress(ipVersion);
        String settings = FixText.daemonSettings(owners, DaemonAdvice.Daemon::address, t.port());
        String published = what + " is published to " + to + " in " + where + ", but " + who + " listens there on "
                + endpoints(d.listeners());
        if (loopback) {
            return new Finding(FindingCode.PUBLISHED_TO_LOOPBACK_ONLY, Severity.ERROR, published + " only: it works"
                    + " inside the container, and clients from outside are refused", evidence,
                    "Make " + who + " listen on " + every + " inside " + where + ", not on its loopback address (in"
                            + " a container, bind to 0.0.0.0 rather than localhost or 127.0.0.1)." + settings);
        }
        return new Finding(FindingCode.PUBLISHED_TO_WRONG_ADDRESS, Severity.ERROR, published + ", which does not take"
                + " packets for " + ReadableAddress.of(t.address()), evidence,
                "Make " + who + " listen on " + ReadableAddress.of(t.address()) + " or " + every + " inside " + where
                        + ", or change the rule to send the port to the address it listens on." + settings);
    }

    /** The namespace with the translation's address, and its listeners on the translated port; null when none. */
    private static Destination destination(InetExamination ex, FirewallDecision.Translation t) {
        Transport transport = ex.transport();
        if (isOwn(ex.snapshot, t.address())) {
            LocalAddress own = ex.snapshot.addresses().stream()
                    .filter(a -> Arrays.equals(a.address().getAddress(), t.address().getAddress())).findFirst()
                    .orElse(new LocalAddress("lo", t.address(), t.address().getAddress().length * 8));
            List<InetSocket> here = ex.snapshot.inet(transport).stream()
                    .filter(s -> SocketFacts.isListening(s, transport) && s.local().port() == t.port()).toList();
            return new Destination(null, own, here);
        }
        OtherNamespaces others = ex.snapshot.others();
        if (others == null) {
            return null;
        }
        return others.holding(t.address()).map(n -> new Destination(n, n.address(t.address()).orElseThrow(),
                n.listeners().stream()
                        .filter(s -> SocketFacts.isListening(s, transport) && s.local().port() == t.port()).toList()))
                .orElse(null);
    }

    /** The translation leads to an address the doctor has not read: it cannot say whether anything answers. */
    private static Finding elsewhere(InetExamination ex, FirewallDecision.Translation t, String what, String to,
                                     List<Evidence> evidence) {
        OtherNamespaces others = ex.snapshot.others();
        String address = ReadableAddress.of(t.address());
        if (others == null) {
            evidence.add(new Evidence.Fact("the other network namespaces were not read"));
            return new Finding(FindingCode.FIREWALL_UNKNOWN, Severity.INFO, "the firewall sends " + what + " to " + to
                    + " (dnat), an address of another network namespace or host, which the doctor did not examine",
                    evidence, "Ask 'sockscope doctor " + ex.target.port() + (ex.transport() == Transport.UDP ? " --udp"
                    : "") + "' about this port alone: it follows the rule into the other network namespaces.");
        }
        evidence.add(new Evidence.Fact("none of the " + others.namespaces().size() + " other network namespaces read"
                + " has " + address + (others.unreadable() > 0 ? "; " + others.unreadable() + " could not be read"
                + (others.limitation() != null ? " (" + others.limitation() + ")" : "") : "")));
        return new Finding(FindingCode.FIREWALL_UNKNOWN, Severity.INFO, "the firewall sends " + what + " to " + to
                + " (dnat), which is not an address of this host's network namespaces that the doctor could read:"
                + " whether anything answers there is unknown", evidence,
                "If " + address + " was a container's, it has stopped or has another address now (docker ps; docker"
                        + " port CONTAINER), and the rule is left over; otherwise run the doctor where " + address
                        + " is.");
    }

    /** The rule's port is not listened on where it leads; what listens there instead may be the port meant. */
    private static Finding notListening(InetExamination ex, Destination d, FirewallDecision.Translation t, String what,
                                        String to, List<Evidence> evidence) {
        Transport transport = ex.transport();
        String where = d.describe();
        List<InetSocket> listening = d.namespace() == null
                ? ex.snapshot.inet(transport).stream().filter(s -> SocketFacts.isListening(s, transport)).toList()
                : d.namespace().listeners().stream().filter(s -> SocketFacts.isListening(s, transport)).toList();
        List<InetSocket> instead = listening.stream().limit(MAX_ROWS).toList();
        String fix = "Start the service inside " + where + " on " + transport.label() + " port " + t.port()
                + ", or change the rule to the port it listens on";
        if (!instead.isEmpty()) {
            evidence.add(new Evidence.Fact("what listens in " + where + " instead: " + endpoints(instead)));
            evidence.addAll(sockets(ex, d, instead));
            int port = instead.getFirst().local().port();
            fix += " (" + port + "; Docker: docker run -p " + ex.target.port() + ":" + port
                    + (transport == Transport.UDP ? "/udp" : "") + ")";
        }
        return new Finding(FindingCode.PUBLISHED_NOT_LISTENING, Severity.ERROR, what + " is published to " + to
                + " in " + where + ", but nothing listens there on " + transport.label() + " port " + t.port(),
                evidence, fix + ".");
    }

    /**
     * What the doctor did not evaluate past the translation, as a fact: the forward path from this namespace into
     * the other one (a remote client's packets are forwarded there; a local client's are sent, not forwarded),
     * and the other namespace's own firewall. Returns why the verdict stays open when the forward path has
     * chains, else null.
     */
    private static String forwardPath(InetExamination ex, Destination d, List<Evidence> evidence) {
        if (d.namespace() == null || ex.path.local()) {
            return null;
        }
        List<Chain> chains = ex.snapshot.ruleset() == null ? List.of()
                : ex.snapshot.ruleset().baseChains(ex.path.ipVersion(), List.of(Hook.FORWARD));
        String theirs = "; the firewall of " + NamespaceText.of(d.namespace().netns(), Workload.NONE)
                + " itself is not examined";
        if (chains.isEmpty()) {
            evidence.add(new Evidence.Fact("firewall: no nftables chain on the forward path" + theirs));
            return null;
        }
        evidence.add(new Evidence.Fact("firewall: the forward path is not evaluated ("
                + chains.stream().map(Chain::describe).collect(Collectors.joining(", ")) + ")" + theirs));
        return "the forward path is not evaluated";
    }

    private static List<Evidence> sockets(InetExamination ex, Destination d, List<InetSocket> sockets) {
        if (d.namespace() == null) {
            return List.of(new Evidence.Sockets(ex.sightings(sockets)));
        }
        return OtherNamespaceCheck.sockets(d.namespace(), sockets);
    }

    private static List<Owner> owners(InetExamination ex, Destination d, List<InetSocket> sockets) {
        return d.namespace() == null ? ex.owners(sockets) : d.namespace().ownersOf(sockets);
    }

    /** Whether the address is this namespace's: one of its interfaces', or loopback. */
    private static boolean isOwn(Snapshot snapshot, InetAddress address) {
        return address.isLoopbackAddress() || snapshot.addresses().stream()
                .anyMatch(a -> Arrays.equals(a.address().getAddress(), address.getAddress()));
    }

    private static String endpoints(List<InetSocket> sockets) {
        return sockets.stream().map(s -> ReadableAddress.of(s.local())).distinct().collect(Collectors.joining(", "));
    }

}
