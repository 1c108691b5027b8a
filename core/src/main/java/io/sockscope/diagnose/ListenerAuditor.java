package io.sockscope.diagnose;

import io.sockscope.model.InetSocket;
import io.sockscope.model.Owner;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code doctor --all}: groups the listening sockets of one snapshot by what they are bound to and asks, for
 * each group, the question {@code doctor ADDRESS:PORT} asks, over that same snapshot. Which client each is
 * judged for follows from its bind: a wildcard listener serves remote clients (or {@code --from}); one bound to
 * a specific address, remote clients of that address; a loopback one, clients on this host, for whom it is
 * {@code loopback-only} by design rather than a problem.
 */
final class ListenerAuditor {
    private final Doctor doctor;
    private final AuditQuery query;
    private final Snapshot snapshot;
    /** Listeners that pose the same question (the wildcards of both families on one port) share its answer. */
    private final Map<ReachQuery, Diagnosis> answers = new HashMap<>();

    ListenerAuditor(Doctor doctor, AuditQuery query, Snapshot snapshot) {
        this.doctor = doctor;
        this.query = query;
        this.snapshot = snapshot;
    }

    Audit run() {
        List<ListenerAudit> listeners = new ArrayList<>();
        for (List<InetSocket> group : groups()) {
            InetSocket first = group.getFirst();
            ReachQuery question = question(first);
            Diagnosis d = answers.computeIfAbsent(question, q -> doctor.examineInet((InetTarget) q.target(), q,
                    snapshot));
            boolean loopback = ReadableAddress.isLoopback(first.local().address());
            List<SocketSighting> sightings = new ArrayList<>();
            List<Owner> owners = new ArrayList<>();
            Set<Integer> pids = new LinkedHashSet<>();
            for (InetSocket s : group) {
                sightings.add(new SocketSighting(s, snapshot.ownersOf(s.inode())));
                snapshot.ownersOf(s.inode()).stream().filter(o -> pids.add(o.pid())).forEach(owners::add);
            }
            String device = first.ifindex() != 0
                    ? snapshot.interfaceNames().getOrDefault(first.ifindex(), "if" + first.ifindex()) : null;
            listeners.add(new ListenerAudit(first.local(), device, OwnerText.of(owners), sightings,
                    label(d, loopback), d));
        }
        return verdict(listeners);
    }

    /** The listening sockets by bound address, port and device, in port order, IPv4 before IPv6. */
    private List<List<InetSocket>> groups() {
        Map<String, List<InetSocket>> byBind = new LinkedHashMap<>();
        for (InetSocket s : snapshot.inet(query.transport())) {
            if (SocketFacts.isListening(s, query.transport())) {
                String key = HexFormat.of().formatHex(s.local().address()) + ":" + s.local().port() + "%" + s.ifindex();
                byBind.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
            }
        }
        Comparator<List<InetSocket>> order = Comparator
                .comparingInt((List<InetSocket> g) -> g.getFirst().local().port())
                .thenComparingInt(g -> g.getFirst().local().address().length)
                .thenComparing(g -> g.getFirst().local().address(), Arrays::compareUnsigned)
                .thenComparingInt(g -> g.getFirst().ifindex());
        return byBind.values().stream().sorted(order).toList();
    }

    /** What {@code doctor} is asked for this listener's clients. */
    private ReachQuery question(InetSocket s) {
        int port = s.local().port();
        if (s.local().isWildcard()) {
            return new ReachQuery(new InetTarget(query.transport(), null, port), query.from(), null,
                    query.examineFirewall());
        }
        InetAddress address = ReadableAddress.address(s.local().address());
        InetAddress from = query.from();
        boolean sameFamily = from != null && ReadableAddress.isV4(from) == ReadableAddress.isV4(address);
        if (ReadableAddress.isLoopback(s.local().address()) || !sameFamily) {
            from = null;
        }
        return new ReachQuery(new InetTarget(query.transport(), address, port), from, null, query.examineFirewall());
    }

    /** The verdict in a word: what the most important problem is, or why there is none. */
    static String label(Diagnosis d, boolean loopback) {
        return switch (d.status()) {
            case OK -> loopback ? "loopback-only" : "ok";
            case UNDECIDED -> "undecided";
            case PROBLEM -> {
                Finding first = d.findings().stream().filter(f -> f.severity().isProblem()).findFirst().orElseThrow();
                yield switch (first.code()) {
                    case FIREWALL_BLOCKED -> "firewalled";
                    case CLOSE_WAIT_LEAK -> "leaking";
                    default -> first.code().name().toLowerCase(Locale.ROOT).replace('_', '-');
                };
            }
        };
    }

    private Audit verdict(List<ListenerAudit> listeners) {
        String subject = query.transport().label() + " listeners for "
                + (query.from() != null ? "a client at " + ReadableAddress.of(query.from()) : "remote clients");
        List<ListenerAudit> problems = listeners.stream()
                .filter(l -> l.diagnosis().status() == Diagnosis.Status.PROBLEM).toList();
        long undecided = listeners.stream().filter(l -> l.diagnosis().status() == Diagnosis.Status.UNDECIDED).count();
        long loopback = listeners.stream().filter(l -> l.label().equals("loopback-only")).count();
        String of = " of " + listeners.size() + (listeners.size() == 1 ? " listener" : " listeners");
        String firewallProblem = query.examineFirewall() ? snapshot.rulesetProblem() : null;
        Diagnosis.Status status;
        String verdict;
        if (!problems.isEmpty()) {
            status = Diagnosis.Status.PROBLEM;
            verdict = problems.size() + of + (problems.size() == 1 ? " has a problem (" : " have a problem (")
                    + String.join(", ", problems.stream().map(ListenerAudit::label).distinct().toList()) + ")";
        } else if (undecided > 0) {
            status = Diagnosis.Status.UNDECIDED;
            verdict = "nothing wrong was found, but for " + undecided + of + " whether a client gets through is not"
                    + " known" + (firewallProblem != null ? ": the firewall ruleset could not be read" : "");
        } else {
            status = Diagnosis.Status.OK;
            verdict = listeners.isEmpty() ? "nothing listens"
                    : listeners.size() + (listeners.size() == 1 ? " listener" : " listeners") + ", nothing in the way"
                    + (loopback > 0 ? " (" + loopback + " on loopback only, for clients on this host)" : "");
        }
        return new Audit(subject, subject + ": " + status.name() + " — " + verdict, status, listeners, firewallProblem);
    }
}
