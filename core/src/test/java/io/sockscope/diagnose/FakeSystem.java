package io.sockscope.diagnose;

import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.Netns;
import io.sockscope.model.Owner;
import io.sockscope.model.ProcessLimits;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.Timer;
import io.sockscope.model.UnixSocket;
import io.sockscope.model.Workload;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A host described by hand for the checks' unit tests, handed to the doctor through its provider interfaces:
 * sockets, owners, sysctls, limits, a ruleset, interfaces, files, users and other network namespaces. Defaults: a
 * Linux host with lo and eth0 (192.0.2.10/24, 2001:db8::10/64), the kernel's default sysctls, no firewall rules,
 * no other network namespace, running as root.
 */
final class FakeSystem {
    final List<InetSocket> tcp = new ArrayList<>();
    final List<InetSocket> udp = new ArrayList<>();
    final List<UnixSocket> unix = new ArrayList<>();
    final Map<Long, List<Owner>> owners = new HashMap<>();
    String ownerLimitation;
    final Map<String, String> sysctls = new HashMap<>(Map.of(
            "net.ipv6.bindv6only", "0",
            "net.ipv4.ip_local_port_range", "32768 60999",
            "net.ipv4.ip_unprivileged_port_start", "1024",
            "net.core.somaxconn", "4096",
            "net.ipv4.tcp_tw_reuse", "2"));
    final Map<Integer, ProcessLimits> limits = new HashMap<>();
    String rulesetJson = "{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\"}}]}";
    String rulesetProblem;
    final List<LocalAddress> addresses = new ArrayList<>(List.of(
            new LocalAddress("lo", ip("127.0.0.1"), 8),
            new LocalAddress("lo", ip("::1"), 128),
            new LocalAddress("eth0", ip("192.0.2.10"), 24),
            new LocalAddress("eth0", ip("2001:db8::10"), 64)));
    final Map<Integer, String> interfaceNames = new LinkedHashMap<>(Map.of(1, "lo", 2, "eth0"));
    final Map<String, Long> counters = new HashMap<>(Map.of("ListenOverflows", 7L, "ListenDrops", 9L));
    final Map<String, FileFacts> files = new HashMap<>();
    /** Paths whose stat fails, with the provider's message (a link loop, a name too long). */
    final Map<String, String> statFailures = new HashMap<>();
    /** Symbolic links: path to target, as readlink(2) gives it. */
    final Map<String, String> links = new HashMap<>();
    Account current = new Account("root", 0, 0, Set.of(0), true);
    final Map<String, Account> accounts = new HashMap<>(Map.of(
            "nobody", new Account("nobody", 65534, 65534, Set.of(65534), false),
            "alice", new Account("alice", 1000, 1000, Set.of(1000, 27), false)));
    UnixConnectProbe.Result connectResult = UnixConnectProbe.Result.REFUSED;
    int connectProbes;
    /** How often the doctor asked for the inet socket tables, the ruleset and the other namespaces. */
    int socketDumps;
    int rulesetReads;
    int namespaceReads;
    /** Network namespaces besides the examined one, in the order the provider lists them. */
    final List<Namespace> namespaces = new ArrayList<>();
    /** How many other namespaces could not be read, and why. */
    int unreadableNamespaces;
    String namespaceLimitation;
    /** Set to make reading the other namespaces fail altogether. */
    String namespaceProblem;
    private long nextInode = 1000;

    static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    /** "127.0.0.1:8080", "[::]:80", "*:0". */
    static InetEndpoint endpoint(String text) {
        int colon = text.lastIndexOf(':');
        String host = text.substring(0, colon);
        int port = text.substring(colon + 1).equals("*") ? 0 : Integer.parseInt(text.substring(colon + 1));
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
            byte[] raw = ip(host).getAddress();
            if (raw.length == 4) { // a mapped address comes back as IPv4: widen it again
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(raw, 0, mapped, 12, 4);
                raw = mapped;
            }
            return new InetEndpoint(raw, port);
        }
        return new InetEndpoint(ip(host).getAddress(), port);
    }

    /** A TCP socket (IPv6 ones dual-stack); owned by {@code owner} unless null. */
    InetSocket tcp(TcpState state, String local, String peer, Owner owner) {
        return add(tcp, SocketTable.TCP, state, 0, 0, local, peer, 0, 0, owner);
    }

    InetSocket listener(String local, Owner owner) {
        return tcp(TcpState.LISTEN, local, local.startsWith("[") ? "[::]:*" : "0.0.0.0:*", owner);
    }

    /**
     * Any inet socket.
     *
     * @param v6only for IPv6 sockets 0 or 1, or -1 when unknown
     */
    InetSocket add(List<InetSocket> table, SocketTable kind, TcpState state, long recvQ, long sendQ, String local,
                   String peer, int v6only, int ifindex, Owner owner) {
        InetEndpoint l = endpoint(local);
        InetEndpoint p = endpoint(peer);
        long inode = state == TcpState.TIME_WAIT ? 0 : nextInode++;
        // v6only: 0 or 1, or -1 for "the kernel did not say" (as from /proc); IPv4 sockets have none.
        int v6 = l.address().length == 16 ? v6only : -1;
        InetSocket s = new InetSocket(kind, l.address().length == 4 ? 2 : 10, state.code(), recvQ, sendQ, l, p,
                ifindex, inode, 0, inode, Timer.OFF, 0, v6, -1, 0, 0, -1, null, null);
        table.add(s);
        if (owner != null && inode != 0) {
            owners.computeIfAbsent(inode, k -> new ArrayList<>()).add(owner);
        }
        return s;
    }

    UnixSocket unixListener(String path, Owner owner, long vfsInode) {
        long inode = nextInode++;
        UnixSocket u = new UnixSocket(SocketTable.UNIX_STREAM, TcpState.LISTEN.code(), 0, 128,
                path.getBytes(StandardCharsets.UTF_8), inode, 0, null, -1, vfsInode, vfsInode < 0 ? -1 : 0x1a,
                null, 0, null);
        unix.add(u);
        if (owner != null) {
            owners.computeIfAbsent(inode, k -> new ArrayList<>()).add(owner);
        }
        return u;
    }

    void file(String path, FileFacts.Type type, int mode, int uid, int gid, long inode) {
        files.put(path, new FileFacts(path, type, mode, uid, gid, inode, 0x1a));
    }

    /** Directories / , /run (root 755) and the given ones. */
    void standardTree() {
        file("/", FileFacts.Type.DIRECTORY, 0755, 0, 0, 2);
        file("/run", FileFacts.Type.DIRECTORY, 0755, 0, 0, 3);
    }

    /** Another network namespace: its loopback, then what a test gives it. */
    final class Namespace {
        final Netns netns;
        final List<LocalAddress> addresses = new ArrayList<>(List.of(new LocalAddress("lo", ip("127.0.0.1"), 8),
                new LocalAddress("lo", ip("::1"), 128)));
        final Map<Integer, String> interfaceNames = new LinkedHashMap<>(Map.of(1, "lo"));
        final List<InetSocket> tcp = new ArrayList<>();
        final List<InetSocket> udp = new ArrayList<>();
        final Map<Long, List<Owner>> owners = new HashMap<>();
        final Map<Long, Workload> workloads = new HashMap<>();

        private Namespace(Netns netns) {
            this.netns = netns;
        }

        /** An interface with one address: {@code address("eth0", "172.17.0.2", 16)}. */
        Namespace address(String device, String address, int prefixLength) {
            interfaceNames.putIfAbsent(interfaceNames.size() + 1, device);
            addresses.add(new LocalAddress(device, ip(address), prefixLength));
            return this;
        }

        /** A TCP listener here, held by {@code owner} (unless null) in {@code workload} (unless null). */
        InetSocket listener(String local, Owner owner, Workload workload) {
            InetSocket s = FakeSystem.this.add(new ArrayList<>(), SocketTable.TCP, TcpState.LISTEN, 0, 128, local,
                    local.startsWith("[") ? "[::]:*" : "0.0.0.0:*", -1, 0, null);
            return keep(tcp, s, owner, workload);
        }

        /** A UDP socket bound to {@code local} and not connected. */
        InetSocket udpListener(String local, Owner owner, Workload workload) {
            InetSocket s = FakeSystem.this.add(new ArrayList<>(), SocketTable.UDP, TcpState.CLOSE, 0, 0, local,
                    local.startsWith("[") ? "[::]:*" : "0.0.0.0:*", -1, 0, null);
            return keep(udp, s, owner, workload);
        }

        private InetSocket keep(List<InetSocket> table, InetSocket s, Owner owner, Workload workload) {
            table.add(s);
            if (owner != null) {
                owners.computeIfAbsent(s.inode(), k -> new ArrayList<>()).add(owner);
            }
            if (workload != null) {
                workloads.put(s.inode(), workload);
            }
            return s;
        }

        OtherNamespace read(Transport transport) {
            return new OtherNamespace(netns, addresses, interfaceNames, transport == Transport.TCP ? tcp : udp, owners,
                    workloads);
        }
    }

    /** Another network namespace, named (null for none) and with processes (the lowest first). */
    Namespace namespace(long inode, String name, Integer... pids) {
        Namespace n = new Namespace(new Netns(inode, name, List.of(pids)));
        namespaces.add(n);
        return n;
    }

    Providers providers() {
        return new Providers(
                new SocketProvider() {
                    @Override
                    public List<InetSocket> inet(Transport transport) {
                        socketDumps++;
                        return transport == Transport.TCP ? tcp : udp;
                    }

                    @Override
                    public List<UnixSocket> unix() {
                        return unix;
                    }
                },
                inodes -> {
                    Map<Long, List<Owner>> found = new HashMap<>();
                    for (long i : inodes) {
                        if (owners.containsKey(i)) {
                            found.put(i, owners.get(i));
                        }
                    }
                    return new OwnerProvider.Owners(found, ownerLimitation);
                },
                name -> Optional.ofNullable(sysctls.get(name)),
                pid -> Optional.ofNullable(limits.get(pid)),
                () -> {
                    rulesetReads++;
                    if (rulesetProblem != null) {
                        throw new ProviderException(rulesetProblem);
                    }
                    return rulesetJson;
                },
                new InterfaceProvider() {
                    @Override
                    public List<LocalAddress> addresses() {
                        return addresses;
                    }

                    @Override
                    public Map<Integer, String> names() {
                        return interfaceNames;
                    }
                },
                () -> counters,
                new FileProvider() {
                    @Override
                    public Optional<FileFacts> stat(String path) throws ProviderException {
                        if (statFailures.containsKey(path)) {
                            throw new ProviderException(statFailures.get(path));
                        }
                        return Optional.ofNullable(files.get(path));
                    }

                    @Override
                    public Optional<String> readLink(String path) {
                        return Optional.ofNullable(links.get(path));
                    }
                },
                new AccountProvider() {
                    @Override
                    public Account current() {
                        return current;
                    }

                    @Override
                    public Optional<Account> byName(String name) {
                        return Optional.ofNullable(accounts.get(name));
                    }

                    @Override
                    public Optional<String> userName(int uid) {
                        return uid == 0 ? Optional.of("root") : accounts.values().stream()
                                .filter(a -> a.uid() == uid).map(Account::name).findFirst();
                    }

                    @Override
                    public Optional<String> groupName(int gid) {
                        return Optional.ofNullable(Map.of(0, "root", 27, "sudo", 120, "postgres").get(gid));
                    }
                },
                path -> {
                    connectProbes++;
                    return connectResult;
                },
                transport -> {
                    namespaceReads++;
                    if (namespaceProblem != null) {
                        throw new ProviderException(namespaceProblem);
                    }
                    return new OtherNamespaces(namespaces.stream().map(n -> n.read(transport)).toList(),
                            unreadableNamespaces, namespaceLimitation);
                });
    }

    Doctor doctor() {
        return new Doctor(providers());
    }
}
