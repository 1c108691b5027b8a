package io.sockscope.diagnose;

import io.sockscope.model.InetSocket;
import io.sockscope.model.Owner;
import io.sockscope.model.UnixSocket;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The connectivity doctor. For a port it first asks whether something is bound where the client's packets
 * go, then, as a separate check, whether the packets get there (the firewall), then what may stop a working
 * listener from serving (a full backlog, a CLOSE-WAIT leak, the descriptor limit, ephemeral ports). For a unix
 * socket it checks the file, its listener and the permissions; for a bind, privileged ports and who holds
 * the port. An audit asks the port's question of every listener at once.
 *
 * <p>Everything is read once through the {@link Providers} into a {@link Snapshot}; the checks only look at it.
 * Instances hold no state between calls.
 */
public final class Doctor {
    private final Providers providers;
    private final Thresholds thresholds;

    public Doctor(Providers providers) {
        this(providers, Thresholds.defaults());
    }

    public Doctor(Providers providers, Thresholds thresholds) {
        this.providers = Objects.requireNonNull(providers, "providers");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    /**
     * Why can't clients reach the target?
     *
     * @throws DiagnosisException       when the socket table cannot be read at all
     * @throws IllegalArgumentException when the query cannot be answered as asked (an unknown user, a remote
     *                                  client for a loopback address)
     */
    public Diagnosis examine(ReachQuery query) throws DiagnosisException {
        return switch (query.target()) {
            case InetTarget t -> examineInet(t, query);
            case UnixTarget u -> examineUnix(u, query.user());
        };
    }

    /**
     * What stops clients of any listener? Every listening socket of the transport, judged from one snapshot as
     * {@code doctor ADDRESS:PORT} judges it (see {@link ListenerAuditor} for which client each is judged for).
     *
     * @throws DiagnosisException when the socket table cannot be read at all
     */
    public Audit audit(AuditQuery query) throws DiagnosisException {
        SnapshotCollector collector = new SnapshotCollector(providers);
        Snapshot snapshot = collector.forAudit(query.transport(), query.examineFirewall());
        // Every listener of an audit listens here; the other namespaces matter only to follow a port the firewall
        // publishes elsewhere, and then one read serves every listener.
        if (query.examineFirewall() && PublishedPortCheck.mayPublishElsewhere(snapshot)) {
            snapshot = collector.withOthers(snapshot, query.transport());
        }
        return new ListenerAuditor(this, query, snapshot).run();
    }

    private Diagnosis examineInet(InetTarget target, ReachQuery query) throws DiagnosisException {
        SnapshotCollector collector = new SnapshotCollector(providers);
        Snapshot snapshot = collector.forInet(target, query.examineFirewall());
        // Reading every other network namespace costs a thread and a dump each: only when nothing listens here,
        // or the firewall sends the client's packets to an address this namespace does not have.
        if (PublishedPortCheck.needsOtherNamespaces(examination(target, query, snapshot))) {
            snapshot = collector.withOthers(snapshot, target.transport());
        }
        return examineInet(target, query, snapshot);
    }

    /** The client's path and the listeners on the port, judged for it. */
    private InetExamination examination(InetTarget target, ReachQuery query, Snapshot snapshot) {
        // By index, as ip link lists them: the snapshot's map has no order of its own.
        List<String> interfaceNames = new ArrayList<>(new TreeMap<>(snapshot.interfaceNames()).values());
        snapshot.addresses().forEach(a -> {
            if (!interfaceNames.contains(a.interfaceName())) {
                interfaceNames.add(a.interfaceName());
            }
        });
        ClientPath path = ClientPath.resolve(target, query.from(), snapshot.addresses(), interfaceNames);
        if (target.address() != null && target.address().isLoopbackAddress() && query.from() != null && !path.local()) {
            throw new IllegalArgumentException("a client at " + ReadableAddress.of(query.from()) + " cannot connect to "
                    + ReadableAddress.of(target.address()) + ", a loopback address of this host");
        }
        return new InetExamination(target, path, snapshot, thresholds, query.examineFirewall());
    }

    /** The reachability question over a snapshot taken already (one for a target, or one for a whole audit). */
    Diagnosis examineInet(InetTarget target, ReachQuery query, Snapshot snapshot) {
        InetExamination ex = examination(target, query, snapshot);
        ClientPath path = ex.path;
        List<Finding> findings = new ArrayList<>();
        List<Evidence> observations = new ArrayList<>();
        FirewallCheck.Result firewall = FirewallCheck.run(ex, observations);
        boolean translated = firewall.reach() == FirewallCheck.Reach.TRANSLATED;
        // Translated packets never meet the listeners here: where they go decides.
        if (!translated) {
            findings.addAll(ListenerCheck.run(ex));
        }
        findings.addAll(firewall.findings());
        PublishedPortCheck.Result published = PublishedPortCheck.run(ex, firewall);
        findings.addAll(published.findings());
        List<SocketSighting> relevant = ex.sightings(ex.relevantListeners());
        if (target.transport() == Transport.TCP) {
            findings.addAll(BacklogCheck.run(relevant, snapshot, target.port()));
        }
        findings.addAll(CloseWaitCheck.run(ex));
        findings.addAll(FdLimitCheck.run(ex.owners(ex.relevantListeners()), snapshot, thresholds));
        findings.addAll(TimeWaitCheck.run(ex));
        findings.addAll(EphemeralPortCheck.run(ex));
        findings.addAll(OwnerVisibilityCheck.run(relevant, snapshot));
        if (!ex.accepting().isEmpty() && !translated) {
            observations.addFirst(new Evidence.Sockets(ex.sightings(ex.accepting())));
        }
        notes(snapshot, observations);
        String subject = target.describe() + " for " + path.describe();
        String ok;
        String undecided = null;
        if (translated) {
            ok = published.ok() != null ? published.ok() : "the firewall sends the port elsewhere";
            undecided = published.undecided();
        } else if (ex.accepting().isEmpty()) {
            ok = "nothing listens";
        } else {
            List<InetSocket> accepting = ex.accepting();
            ok = OwnerText.of(ex.owners(accepting)) + " listens on " + accepting.stream()
                    .map(s -> ReadableAddress.of(s.local())).distinct().collect(Collectors.joining(", "));
            if (firewall.reach().leavesVerdictOpen()) {
                // Some clients (or all) may time out: a health check must not read that as OK.
                undecided = ok + ", but whether the firewall lets " + path.describe() + " through "
                        + switch (firewall.reach()) {
                            case DEPENDS_ON_ADDRESS -> "depends on the client's address: ask again with --from ADDRESS";
                            case NOT_READ -> "is unknown: its ruleset could not be read (see FIREWALL_UNKNOWN)";
                            default -> "depends on what the doctor cannot decide (see FIREWALL_UNKNOWN)";
                        };
            }
            ok += firewall.reach() == FirewallCheck.Reach.NOT_EXAMINED ? "; the firewall was not examined"
                    : " and the firewall lets it through";
        }
        return diagnosis(subject, findings, observations, ok, undecided);
    }

    private Diagnosis examineUnix(UnixTarget target, String user) throws DiagnosisException {
        Snapshot snapshot = new SnapshotCollector(providers).forUnix(target, user);
        FileFacts file = snapshot.path().isEmpty() ? null : snapshot.path().getLast().facts();
        List<UnixSocket> bound = UnixListeners.boundTo(target, file, snapshot.unix());
        List<Finding> findings = new ArrayList<>();
        List<Evidence> observations = new ArrayList<>();
        List<SocketSighting> sightings = UnixPathCheck.sightings(bound, snapshot);
        List<Owner> owners = UnixPathCheck.owners(bound, snapshot);
        findings.addAll(UnixPathLengthCheck.run(target, snapshot, bound));
        if (!UnixPathLengthCheck.cannotExist(target)) {
            findings.addAll(UnixPathCheck.run(target, snapshot, bound, observations));
            findings.addAll(UnixPermissionCheck.run(target, snapshot, owners));
        }
        findings.addAll(BacklogCheck.run(sightings, snapshot, 0));
        findings.addAll(FdLimitCheck.run(owners, snapshot, thresholds));
        findings.addAll(OwnerVisibilityCheck.run(sightings, snapshot));
        findings.addAll(UnixAnswerCheck.run(target, snapshot, bound, findings));
        Evidence.Sockets listeners = new Evidence.Sockets(sightings);
        if (!sightings.isEmpty() && findings.stream().noneMatch(f -> f.evidence().contains(listeners))) {
            observations.addFirst(listeners);
        }
        notes(snapshot, observations);
        Account account = snapshot.account();
        String subject = target.describe() + (account != null ? " for user " + account.name() : "");
        // UnixAnswerCheck makes sure that one of these was seen whenever the verdict is OK.
        String ok;
        if (!bound.isEmpty()) {
            ok = OwnerText.of(owners) + " listens on " + target.path();
        } else if (snapshot.connectProbe() == UnixConnectProbe.Result.WRONG_TYPE) {
            ok = "a datagram socket in another network namespace is bound to it";
        } else {
            ok = "a listener in another network namespace answers";
        }
        return diagnosis(subject, findings, observations, ok + (account != null ? " and " + account.name()
                + " may connect" : ""), null);
    }

    /**
     * Why would a bind fail?
     *
     * @throws DiagnosisException       when the socket table cannot be read at all
     * @throws IllegalArgumentException for an unknown user
     */
    public Diagnosis examine(BindQuery query) throws DiagnosisException {
        Snapshot snapshot = new SnapshotCollector(providers).forBind(query);
        List<Finding> findings = new ArrayList<>();
        List<Evidence> observations = new ArrayList<>();
        List<SocketSighting> holders = new ArrayList<>();
        findings.addAll(PrivilegedPortCheck.run(query, snapshot));
        findings.addAll(AddressInUseCheck.run(query, snapshot, holders));
        findings.addAll(OwnerVisibilityCheck.run(holders, snapshot));
        notes(snapshot, observations);
        Account account = snapshot.account();
        String who = account != null ? account.name() : "this user";
        String where = query.address() != null ? ReadableAddress.of(query.address(), query.port())
                : query.transport().label() + " port " + query.port();
        String subject = "bind " + (query.address() != null ? query.transport().label() + " " : "") + where
                + " as " + who;
        int start = PrivilegedPortCheck.unprivilegedStart(snapshot);
        String ok = "nothing holds the port" + (query.port() < start ? " and " + who + " may bind ports below " + start
                : "");
        return diagnosis(subject, findings, observations, ok, null);
    }

    private static void notes(Snapshot snapshot, List<Evidence> observations) {
        for (String note : snapshot.notes()) {
            observations.add(new Evidence.Fact("not read: " + note));
        }
    }

    /**
     * The verdict: PROBLEM when an error or warning was found, else UNDECIDED when {@code undecided} says what
     * the answer depends on, else OK.
     */
    private static Diagnosis diagnosis(String subject, List<Finding> findings, List<Evidence> observations, String ok,
                                       String undecided) {
        List<Finding> sorted = findings.stream().sorted(Comparator.comparing(Finding::severity)).toList();
        List<Finding> problems = sorted.stream().filter(f -> f.severity().isProblem()).toList();
        if (!problems.isEmpty()) {
            String verdict = subject + ": PROBLEM — " + problems.getFirst().summary()
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
            return new Diagnosis(subject, verdict, Diagnosis.Status.PROBLEM, sorted, observations);
        }
        if (undecided != null) {
            return new Diagnosis(subject, subject + ": UNDECIDED — " + undecided, Diagnosis.Status.UNDECIDED, sorted,
                    observations);
        }
        return new Diagnosis(subject, subject + ": OK — " + ok, Diagnosis.Status.OK, sorted, observations);
    }
}
