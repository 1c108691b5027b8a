package io.sockscope.diagnose;

import io.sockscope.diagnose.firewall.Ruleset;
import io.sockscope.diagnose.firewall.RulesetParser;
import io.sockscope.json.JsonSyntaxException;
import io.sockscope.model.InetSocket;
import io.sockscope.model.ProcessLimits;
import io.sockscope.model.TcpState;
import io.sockscope.model.UnixSocket;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads what a query needs from the providers, once, into a {@link Snapshot}. */
final class SnapshotCollector {
    /** Every kernel setting a check consults. */
    static final List<String> SYSCTLS = List.of(
            "net.ipv6.bindv6only", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
            "net.core.somaxconn", "net.ipv4.tcp_tw_reuse", "net.ipv4.tcp_max_syn_backlog");

    private final Providers providers;
    private final List<String> notes = new ArrayList<>();

    SnapshotCollector(Providers providers) {
        this.providers = providers;
    }

    /** @param readFirewall whether to read the ruleset ({@code --no-firewall} leaves it out) */
    Snapshot forInet(InetTarget target, boolean readFirewall) throws DiagnosisException {
        return inet(target.transport(), Set.of(target.port()), readFirewall);
    }

    /**
     * Everything {@link #forInet} reads, for every port something listens on in {@code transport} at once:
     * one dump, one owner scan and one ruleset for a whole audit, so that every listener is judged at the same
     * moment.
     */
    Snapshot forAudit(Transport transport, boolean readFirewall) throws DiagnosisException {
        return inet(transport, null, readFirewall);
    }

    /** @param ports the ports asked about, or null for every port a socket listens on */
    private Snapshot inet(Transport transport, Set<Integer> ports, boolean readFirewall) throws DiagnosisException {
        Map<Transport, List<InetSocket>> inet = new EnumMap<>(Transport.class);
        inet.put(transport, inetOrFail(transport));
        inet.put(transport.other(), inetOrEmpty(transport.other()));
        Set<Integer> asked = ports;
        if (asked == null) {
            asked = new HashSet<>();
            for (InetSocket s : inet.get(transport)) {
                if (SocketFacts.isListening(s, transport)) {
                    asked.add(s.local().port());
                }
            }
        }
        Set<Long> wanted = new LinkedHashSet<>();
        for (Map.Entry<Transport, List<InetSocket>> e : inet.entrySet()) {
            for (InetSocket s : e.getValue()) {
                if (SocketFacts.isListening(s, e.getKey()) || asked.contains(s.local().port())
                        || SocketFacts.hasState(s, TcpState.CLOSE_WAIT)) {
                    addInode(wanted, s.inode());
                }
            }
        }
        OwnerProvider.Owners owners = owners(wanted);
        Set<Integer> pids = new LinkedHashSet<>();
        for (InetSocket s : inet.get(transport)) {
            if (SocketFacts.isListening(s, transport) && asked.contains(s.local().port())) {
                owners.byInode().getOrDefault(s.inode(), List.of()).forEach(o -> pids.add(o.pid()));
            }
        }
        Ruleset ruleset = null;
        String rulesetProblem = null;
        if (readFirewall) {
            try {
                ruleset = ruleset();
            } catch (ProviderException e) {
                rulesetProblem = e.getMessage();
            } catch (JsonSyntaxException e) {
                rulesetProblem = "nft printed something that is not JSON: " + e.getMessage();
            }
        }
        List<LocalAddress> addresses = List.of();
        Map<Integer, String> names = Map.of();
        try {
            addresses = providers.interfaces().addresses();
            names = providers.interfaces().names();
        } catch (ProviderException e) {
            notes.add("interfaces: " + e.getMessage());
        }
        Map<String, Long> counters = Map.of();
        try {
            counters = providers.counters().tcpExtended();
        } catch (ProviderException e) {
            notes.add("counters: " + e.getMessage());
        }
        return new Snapshot(inet, List.of(), owners.byInode(), owners.limitation(), sysctls(), limits(pids),
                ruleset, rulesetProblem, addresses, names, counters, List.of(), null, null, notes, null);
    }

    /**
     * The other network namespaces, for a snapshot that needs them; what could not be read becomes a note and
     * an empty answer, never a failed diagnosis.
     */
    Snapshot withOthers(Snapshot snapshot, Transport transport) {
        try {
            OtherNamespaces others = providers.namespaces().others(transport);
            // Said once, under what was looked at: a namespace not read may be the one that listens.
            String note = others.unreadable() == 0 ? null : "other network namespaces: " + others.unreadable()
                    + " could not be read" + (others.limitation() != null ? " (" + others.limitation() + ")" : "");
            return snapshot.withOthers(others, note);
        } catch (ProviderException e) {
            return snapshot.withOthers(new OtherNamespaces(List.of(), 0, e.getMessage()),
                    "other network namespaces: " + e.getMessage());
        }
    }

    private Ruleset ruleset() throws ProviderException, JsonSyntaxException {
        String json = providers.firewall().rulesetJson();
        String text = null;
        if (json.contains("\"xt\"")) {
            try {
                text = providers.firewall().rulesetText().orElse(null);
            } catch (ProviderException e) {
                notes.add("firewall ruleset text (for iptables extension matches): " + e.getMessage());
            }
        }
        Ruleset ruleset = RulesetParser.parse(json, text);
        for (String skipped : ruleset.skipped()) {
            notes.add("firewall ruleset: skipped " + skipped);
        }
        return ruleset;
    }

    Snapshot forBind(BindQuery query) throws DiagnosisException {
        Map<Transport, List<InetSocket>> inet = new EnumMap<>(Transport.class);
        inet.put(query.transport(), inetOrFail(query.transport()));
        Set<Long> wanted = new LinkedHashSet<>();
        for (InetSocket s : inet.get(query.transport())) {
            if (s.local().port() == query.port()) {
                addInode(wanted, s.inode());
            }
        }
        OwnerProvider.Owners owners = owners(wanted);
        return new Snapshot(inet, List.of(), owners.byInode(), owners.limitation(), sysctls(), Map.of(), null, null,
                List.of(), Map.of(), Map.of(), List.of(), account(query.user()), null, notes, null);
    }

    Snapshot forUnix(UnixTarget target, String user) throws DiagnosisException {
        List<UnixSocket> unix;
        try {
            unix = providers.sockets().unix();
        } catch (ProviderException e) {
            throw new DiagnosisException("cannot read the unix socket table: " + e.getMessage(), e);
        }
        List<PathStep> path = target.isAbstract() ? List.of() : pathSteps(target.path());
        FileFacts file = path.isEmpty() ? null : path.getLast().facts();
        List<UnixSocket> bound = UnixListeners.boundTo(target, file, unix);
        Set<Long> wanted = new LinkedHashSet<>();
        for (UnixSocket u : unix) {
            if (SocketFacts.isUnixListener(u)) {
                addInode(wanted, u.inode());
            }
        }
        OwnerProvider.Owners owners = owners(wanted);
        Set<Integer> pids = new LinkedHashSet<>();
        for (UnixSocket u : bound) {
            owners.byInode().getOrDefault(u.inode(), List.of()).forEach(o -> pids.add(o.pid()));
        }
        UnixConnectProbe.Result probe = null;
        if (bound.isEmpty() && file != null && file.type() == FileFacts.Type.SOCKET) {
            probe = providers.unixConnect().connect(target.path());
        }
        return new Snapshot(Map.of(), unix, owners.byInode(), owners.limitation(), sysctls(), limits(pids), null,
                null, List.of(), Map.of(), Map.of(), path, account(user), probe, notes, null);
    }

    private List<InetSocket> inetOrFail(Transport t) throws DiagnosisException {
        try {
            return providers.sockets().inet(t);
        } catch (ProviderException e) {
            throw new DiagnosisException("cannot read the " + t.label() + " socket table: " + e.getMessage(), e);
        }
    }

    private List<InetSocket> inetOrEmpty(Transport t) {
        try {
            return providers.sockets().inet(t);
        } catch (ProviderException e) {
            notes.add(t.label() + " sockets: " + e.getMessage());
            return List.of();
        }
    }

    private static void addInode(Set<Long> wanted, long inode) {
        if (inode != 0) {
            wanted.add(inode);
        }
    }

    private OwnerProvider.Owners owners(Set<Long> inodes) {
        try {
            return providers.owners().owners(inodes);
        } catch (ProviderException e) {
            notes.add("owners: " + e.getMessage());
            return new OwnerProvider.Owners(Map.of(), e.getMessage());
        }
    }

    private Map<String, String> sysctls() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : SYSCTLS) {
            providers.sysctls().read(name).ifPresent(v -> out.put(name, v));
        }
        return out;
    }

    private Map<Integer, ProcessLimits> limits(Set<Integer> pids) {
        Map<Integer, ProcessLimits> out = new LinkedHashMap<>();
        for (int pid : pids) {
            providers.limits().limits(pid).ifPresent(l -> out.put(pid, l));
        }
        return out;
    }

    private Account account(String user) throws DiagnosisException {
        try {
            if (user == null) {
                return providers.accounts().current();
            }
            Optional<Account> a = providers.accounts().byName(user);
            if (a.isEmpty()) {
                throw new IllegalArgumentException("no such user: " + user);
            }
            return a.get();
        } catch (ProviderException e) {
            notes.add("accounts: " + e.getMessage());
            return null;
        }
    }

    /** stat of "/", then each directory down to the socket file; stops at the first that does not exist. */
    private List<PathStep> pathSteps(String text) {
        Path absolute = Path.of(text).toAbsolutePath().normalize();
        List<PathStep> steps = new ArrayList<>();
        Path current = absolute.getRoot();
        List<Path> chain = new ArrayList<>();
        chain.add(current);
        for (Path part : absolute) {
            current = current.resolve(part);
            chain.add(current);
        }
        for (Path p : chain) {
            try {
                Optional<FileFacts> facts = providers.files().stat(p.toString());
                if (facts.isEmpty()) {
                    steps.add(new PathStep(p.toString(), null, null, null, null, null));
                    break;
                }
                FileFacts f = facts.get();
                steps.add(new PathStep(p.toString(), f, null, name(providers.accounts()::userName, f.uid()),
                        name(providers.accounts()::groupName, f.gid()), null));
            } catch (ProviderException e) {
                // A link loop makes stat fail with ELOOP; the links themselves show it.
                steps.add(new PathStep(p.toString(), null, e.getMessage(), null, null,
                        LinkChain.follow(p.toString(), providers.files())));
                break;
            }
        }
        return steps;
    }

    private static String name(java.util.function.IntFunction<Optional<String>> lookup, int id) {
        return lookup.apply(id).orElse(Integer.toString(id));
    }
}
