package io.sockscope.diagnose;

import io.sockscope.model.Owner;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.sockscope.diagnose.DiagnosisText.codes;
import static io.sockscope.diagnose.FakeSystem.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code doctor bind} and {@code unix:} targets over hosts described through injected providers. */
class BindAndUnixChecksTest {
    private static final Owner NGINX = new Owner("nginx", 80, 80, 6);
    private static final Owner POSTGRES = new Owner("postgres", 700, 700, 5);

    private final FakeSystem host = new FakeSystem();

    private Diagnosis bind(String address, int port, String user) throws DiagnosisException {
        return host.doctor().examine(new BindQuery(Transport.TCP, address == null ? null : ip(address), port, user));
    }

    private Diagnosis unix(String path, String user) throws DiagnosisException {
        return host.doctor().examine(new ReachQuery(new UnixTarget(path), null, user));
    }

    private static String text(Finding f) {
        return f.summary() + "\n" + f.evidence().stream().map(e -> switch (e) {
            case Evidence.Fact fact -> fact.text();
            case Evidence.FirewallRule r -> r.rule();
            case Evidence.Sockets s -> s.sockets().size() + " sockets";
            case Evidence.NamespaceSockets s -> s.heading() + " " + s.sockets().size() + " sockets";
        }).collect(Collectors.joining("\n")) + "\n" + f.fix();
    }

    @Test
    void privilegedPortsNeedRootOrTheCapability() throws Exception {
        Diagnosis nobody = bind(null, 80, "nobody");
        assertEquals(List.of(FindingCode.PRIVILEGED_PORT), codes(nobody));
        assertEquals("nobody cannot bind port 80: ports below 1024 need root or CAP_NET_BIND_SERVICE",
                nobody.findings().getFirst().summary());
        assertEquals(List.of(), codes(bind(null, 80, null)), "the doctor runs as root");
        host.current = new Account("alice", 1000, 1000, Set.of(1000), true);
        assertEquals(List.of(), codes(bind(null, 80, null)), "alice's process holds CAP_NET_BIND_SERVICE");
        host.current = new Account("alice", 1000, 1000, Set.of(1000), false);
        assertTrue(text(bind(null, 80, null).findings().getFirst()).contains("this process runs as alice (uid 1000)"
                + " without CAP_NET_BIND_SERVICE"));
        assertEquals(List.of(), codes(bind(null, 1024, "nobody")));
        host.sysctls.put("net.ipv4.ip_unprivileged_port_start", "0");
        assertEquals(List.of(), codes(bind(null, 80, "nobody")));
        host.sysctls.remove("net.ipv4.ip_unprivileged_port_start");
        assertTrue(text(bind(null, 80, "nobody").findings().getFirst()).contains("(not readable; the default)"));
        assertThrows(IllegalArgumentException.class, () -> bind(null, 80, "nosuchuser"));
    }

    @Test
    void aListenerHoldsThePort() throws Exception {
        host.listener("0.0.0.0:8080", NGINX);
        Diagnosis d = bind(null, 8080, null);
        assertEquals(List.of(FindingCode.ADDRESS_IN_USE), codes(d));
        Finding f = d.findings().getFirst();
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("nginx (pid 80) already listens on 0.0.0.0:8080: a bind to tcp port 8080 fails with EADDRINUSE",
                f.summary());
        assertTrue(d.verdict().startsWith("bind tcp port 8080 as root: PROBLEM — nginx"), d.verdict());
        // A wildcard holder clashes with any address of its family; other families are free.
        assertEquals(List.of(FindingCode.ADDRESS_IN_USE), codes(bind("192.0.2.10", 8080, null)));
        assertEquals(List.of(), codes(bind("2001:db8::10", 8080, null)));
    }

    @Test
    void addressOverlapFollowsTheKernelsRules() throws Exception {
        host.listener("192.0.2.10:8080", NGINX);
        assertEquals(List.of(), codes(bind("127.0.0.1", 8080, null)), "another specific address");
        assertEquals(List.of(FindingCode.ADDRESS_IN_USE), codes(bind("0.0.0.0", 8080, null)));
        // [::] takes IPv4 too unless bindv6only is set, so it clashes with an IPv4 holder.
        assertEquals(List.of(FindingCode.ADDRESS_IN_USE), codes(bind("::", 8080, null)));
        host.sysctls.put("net.ipv6.bindv6only", "1");
        assertEquals(List.of(), codes(bind("::", 8080, null)));

        FakeSystem six = new FakeSystem();
        six.add(six.tcp, SocketTable.TCP, TcpState.LISTEN, 0, 128, "[::]:9090", "[::]:*", 1, 0, NGINX);
        Diagnosis v4 = six.doctor().examine(new BindQuery(Transport.TCP, ip("0.0.0.0"), 9090, null));
        assertEquals(List.of(), codes(v4), "a v6-only [::] listener leaves IPv4 free");
        six.add(six.tcp, SocketTable.TCP, TcpState.LISTEN, 0, 128, "[::]:9091", "[::]:*", 0, 0, NGINX);
        Diagnosis dual = six.doctor().examine(new BindQuery(Transport.TCP, ip("192.0.2.10"), 9091, null));
        assertEquals(List.of(FindingCode.ADDRESS_IN_USE), codes(dual), "a dual-stack [::] listener takes IPv4 too");
    }

    @Test
    void connectionsAndTimeWaitOnlyWarn() throws Exception {
        host.tcp(TcpState.TIME_WAIT, "192.0.2.10:8080", "192.0.2.77:40000", null);
        host.tcp(TcpState.TIME_WAIT, "192.0.2.10:8080", "192.0.2.77:40001", null);
        Finding tw = bind(null, 8080, null).findings().getFirst();
        assertEquals(Severity.WARNING, tw.severity());
        assertTrue(tw.summary().startsWith("only TIME-WAIT sockets hold tcp port 8080 (2 TIME-WAIT)"), tw.summary());
        host.tcp(TcpState.ESTABLISHED, "192.0.2.10:8080", "192.0.2.77:40002", NGINX);
        Finding conns = bind(null, 8080, null).findings().getFirst();
        assertEquals(Severity.WARNING, conns.severity());
        assertTrue(conns.summary().startsWith("connections still use tcp port 8080 (1 ESTAB, 2 TIME-WAIT)"),
                conns.summary());
    }

    @Test
    void udpBindsClashWithAnyBoundSocket() throws Exception {
        host.add(host.udp, SocketTable.UDP, TcpState.CLOSE, 0, 0, "0.0.0.0:53", "0.0.0.0:*", -1, 0,
                new Owner("dnsmasq", 33, 33, 4));
        Diagnosis d = host.doctor().examine(new BindQuery(Transport.UDP, null, 53, null));
        assertEquals(List.of(FindingCode.ADDRESS_IN_USE), codes(d));
        assertEquals("dnsmasq (pid 33) already has 0.0.0.0:53: a bind to udp port 53 fails with EADDRINUSE",
                d.findings().getFirst().summary());
    }

    @Test
    void healthyUnixSocket() throws Exception {
        host.standardTree();
        host.file("/run/postgresql", FileFacts.Type.DIRECTORY, 02775, 120, 120, 10);
        host.file("/run/postgresql/.s.PGSQL.5432", FileFacts.Type.SOCKET, 0777, 120, 120, 11);
        host.unixListener("/run/postgresql/.s.PGSQL.5432", POSTGRES, 11);
        Diagnosis d = unix("/run/postgresql/.s.PGSQL.5432", "nobody");
        assertEquals(List.of(), codes(d));
        assertEquals("unix:/run/postgresql/.s.PGSQL.5432 for user nobody: OK — postgres (pid 700) listens on"
                + " /run/postgresql/.s.PGSQL.5432 and nobody may connect", d.verdict());
        assertEquals(0, host.connectProbes, "a listener was found: no connect needed");
    }

    @Test
    void missingSocketAndWhereTheSameNameListens() throws Exception {
        host.standardTree();
        host.file("/run/postgresql", FileFacts.Type.DIRECTORY, 0755, 120, 120, 10);
        host.unixListener("/tmp/.s.PGSQL.5432", POSTGRES, 99);
        Diagnosis d = unix("/run/postgresql/.s.PGSQL.5432", null);
        assertEquals(List.of(FindingCode.UNIX_SOCKET_MISSING), codes(d));
        Finding f = d.findings().getFirst();
        assertTrue(text(f).contains("a socket with the same name listens at /tmp/.s.PGSQL.5432"), text(f));
        assertTrue(f.fix().contains("For PostgreSQL: set unix_socket_directories in postgresql.conf."), f.fix());
        // A missing directory is said too.
        Finding deeper = unix("/run/nothere/app.sock", null).findings().getFirst();
        assertTrue(text(deeper).contains("/run/nothere does not exist either"), text(deeper));
    }

    @Test
    void aDeletedFileUnderALiveListener() throws Exception {
        host.standardTree();
        host.unixListener("/run/app.sock", new Owner("app", 5, 5, 3), 77);
        Finding f = unix("/run/app.sock", null).findings().getFirst();
        assertEquals(FindingCode.UNIX_SOCKET_MISSING, f.code());
        assertTrue(text(f).contains("its file was deleted"), text(f));
        assertTrue(f.fix().startsWith("Restart app (pid 5)"), f.fix());
    }

    @Test
    void notASocket() throws Exception {
        host.standardTree();
        host.file("/run/app.sock", FileFacts.Type.REGULAR, 0644, 0, 0, 12);
        Finding f = unix("/run/app.sock", null).findings().getFirst();
        assertEquals(FindingCode.UNIX_SOCKET_MISSING, f.code());
        assertEquals("/run/app.sock exists but is a regular file, not a socket", f.summary());
        // Every kind of file reads as English, with its article: a FIFO or a device is "other".
        host.file("/run/app.sock", FileFacts.Type.OTHER, 0644, 0, 0, 12);
        assertEquals("/run/app.sock exists but is a special file (a FIFO or a device), not a socket",
                unix("/run/app.sock", null).findings().getFirst().summary());
        host.file("/run/app.sock", FileFacts.Type.DIRECTORY, 0755, 0, 0, 12);
        assertEquals("/run/app.sock exists but is a directory, not a socket",
                unix("/run/app.sock", null).findings().getFirst().summary());
    }

    @Test
    void staleSocketFileConfirmedByConnect() throws Exception {
        host.standardTree();
        host.file("/run/app.sock", FileFacts.Type.SOCKET, 0755, 0, 0, 12);
        host.unixListener("/run/other.sock", null, 13);
        Diagnosis d = unix("/run/app.sock", null);
        assertEquals(List.of(FindingCode.UNIX_SOCKET_NOT_LISTENING), codes(d));
        assertEquals(1, host.connectProbes);
        assertTrue(text(d.findings().getFirst()).contains("connect(2) to it: ECONNREFUSED"));
        // A listener in another network namespace answers: nothing wrong, and the doctor says where it is.
        host.connectResult = UnixConnectProbe.Result.CONNECTED;
        Diagnosis elsewhere = unix("/run/app.sock", null);
        assertEquals(List.of(), codes(elsewhere));
        assertTrue(elsewhere.observations().toString().contains("another network namespace"));
    }

    @Test
    void permissionsOfDirectoriesAndTheSocketFile() throws Exception {
        host.standardTree();
        host.file("/run/private", FileFacts.Type.DIRECTORY, 0700, 0, 0, 10);
        host.file("/run/private/app.sock", FileFacts.Type.SOCKET, 0666, 0, 0, 11);
        host.unixListener("/run/private/app.sock", new Owner("app", 5, 5, 3), 11);
        Diagnosis d = unix("/run/private/app.sock", "nobody");
        assertEquals(List.of(FindingCode.UNIX_SOCKET_PERMISSION), codes(d));
        Finding f = d.findings().getFirst();
        assertEquals("nobody cannot connect to /run/private/app.sock: /run/private is not searchable by nobody",
                f.summary());
        assertTrue(text(f).contains("drwx------ root root /run/private"), text(f));
        assertTrue(f.fix().startsWith("Allow nobody in: chmod o+x /run/private"), f.fix());
        assertEquals(List.of(), codes(unix("/run/private/app.sock", null)), "root passes");
    }

    @Test
    void groupMembershipDecidesAndTheFixNamesTheGroup() throws Exception {
        host.standardTree();
        host.file("/run/postgresql", FileFacts.Type.DIRECTORY, 0755, 120, 120, 10);
        host.file("/run/postgresql/.s.PGSQL.5432", FileFacts.Type.SOCKET, 0660, 120, 120, 11);
        host.unixListener("/run/postgresql/.s.PGSQL.5432", POSTGRES, 11);
        Finding f = unix("/run/postgresql/.s.PGSQL.5432", "alice").findings().getFirst();
        assertEquals(FindingCode.UNIX_SOCKET_PERMISSION, f.code());
        assertTrue(f.fix().startsWith("Add alice to group postgres (usermod -aG postgres alice"), f.fix());
        assertTrue(f.fix().contains("For PostgreSQL: set unix_socket_permissions and unix_socket_group"), f.fix());
        host.accounts.put("alice", new Account("alice", 1000, 1000, Set.of(1000, 120), false));
        assertEquals(List.of(), codes(unix("/run/postgresql/.s.PGSQL.5432", "alice")));
        // Setuid/setgid/sticky bits show as ls shows them.
        assertEquals("drwxrwsr-t", PermissionText.mode(new FileFacts("/x", FileFacts.Type.DIRECTORY, 03775, 0, 0, 1, 1)));
    }

    @Test
    void abstractSockets() throws Exception {
        Diagnosis missing = unix("@app", null);
        assertEquals(List.of(FindingCode.UNIX_SOCKET_MISSING), codes(missing));
        host.unixListener("\0app", new Owner("app", 5, 5, 3), -1);
        Diagnosis found = unix("@app", null);
        assertEquals(List.of(), codes(found));
        assertFalse(found.problem());
    }

    @Test
    void aFileNameLongerThanNameMaxCannotExist() throws Exception {
        host.standardTree();
        String longName = "a".repeat(300);
        // What stat(2) says on Linux: ENAMETOOLONG, before looking at any file.
        host.statFailures.put("/run/" + longName, "cannot stat /run/" + longName + ": File name too long");
        Diagnosis d = unix("/run/" + longName + "/app.sock", null);
        assertEquals(List.of(FindingCode.UNIX_PATH_TOO_LONG), codes(d));
        assertTrue(d.problem());
        Finding f = d.findings().getFirst();
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.summary().contains("cannot exist: its component 2 is 300 bytes long, and a file name has at most"
                + " 255 bytes (ENAMETOOLONG)"), f.summary());
        assertTrue(text(f).contains("the path is 314 bytes long, and a unix socket address holds at most 107"), text(f));
        assertTrue(d.verdict().contains(": PROBLEM — "), d.verdict());
        assertEquals(0, host.connectProbes);
    }

    @Test
    void aSymbolicLinkLoopIsUnresolvable() throws Exception {
        host.standardTree();
        host.links.put("/run/loop1", "loop2");
        host.links.put("/run/loop2", "/run/loop1");
        host.statFailures.put("/run/loop1", "cannot stat /run/loop1: Too many levels of symbolic links");
        Diagnosis d = unix("/run/loop1/app.sock", null);
        assertEquals(List.of(FindingCode.UNIX_PATH_UNRESOLVABLE), codes(d));
        Finding f = d.findings().getFirst();
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("/run/loop1/app.sock cannot be resolved: its symbolic links form a loop, so connect(2) fails"
                + " with ELOOP", f.summary());
        assertTrue(text(f).contains("/run/loop1 -> loop2\n/run/loop2 -> /run/loop1\nwhich leads back to /run/loop1"),
                text(f));
        assertTrue(f.fix().startsWith("Point /run/loop2 (or /run/loop1) at the socket's real path"), f.fix());
    }

    @Test
    void aListenerWhosePathDoesNotFitSunPath() throws Exception {
        host.standardTree();
        // A server that bound "app.sock" from inside a deep directory: the kernel lists the name it was given.
        String dir = "/run/" + "d".repeat(110);
        String path = dir + "/app.sock";
        host.file(dir, FileFacts.Type.DIRECTORY, 0755, 0, 0, 20);
        host.file(path, FileFacts.Type.SOCKET, 0777, 0, 0, 21);
        host.unixListener("app.sock", new Owner("app", 5, 5, 3), 21);
        Diagnosis d = unix(path, null);
        assertEquals(List.of(FindingCode.UNIX_PATH_TOO_LONG), codes(d));
        Finding f = d.findings().getFirst();
        assertEquals(path + " is 124 bytes long, more than a unix socket address holds (107 bytes): no client can"
                + " connect by this path", f.summary());
        assertTrue(text(f).contains("app (pid 5) bound it by the relative name app.sock"), text(f));
        assertTrue(f.fix().startsWith("Make app (pid 5) create its socket at a path of at most 107 bytes"), f.fix());
        assertTrue(f.fix().contains("ln -s " + path + " "), f.fix());
        // The boundary: 107 bytes fit, 108 do not (sun_path is 108 bytes with the terminating NUL).
        String fits = "/run/" + "f".repeat(102);
        assertEquals(107, fits.length());
        host.file(fits, FileFacts.Type.SOCKET, 0777, 0, 0, 22);
        host.unixListener(fits, new Owner("app", 5, 5, 4), 22);
        assertEquals(List.of(), codes(unix(fits, null)));
        String tooLong = fits + "g";
        host.file(tooLong, FileFacts.Type.SOCKET, 0777, 0, 0, 23);
        host.unixListener(tooLong, new Owner("app", 5, 5, 5), 23);
        assertEquals(List.of(FindingCode.UNIX_PATH_TOO_LONG), codes(unix(tooLong, null)));
    }

    @Test
    void anAbstractNameLongerThanAnAddressHolds() throws Exception {
        Diagnosis d = unix("@" + "n".repeat(108), null);
        assertEquals(List.of(FindingCode.UNIX_PATH_TOO_LONG), codes(d));
        assertTrue(d.findings().getFirst().summary().contains("108 bytes long, more than an abstract socket address"
                + " holds (107 bytes)"), d.findings().getFirst().summary());
    }

    @Test
    void neverOkWithoutHavingSeenAListener() throws Exception {
        host.standardTree();
        host.file("/run/app.sock", FileFacts.Type.SOCKET, 0777, 0, 0, 12);
        host.connectResult = UnixConnectProbe.Result.DENIED;
        Diagnosis denied = unix("/run/app.sock", null);
        assertEquals(List.of(FindingCode.UNIX_SOCKET_NOT_LISTENING), codes(denied));
        assertTrue(text(denied.findings().getFirst()).contains("connect(2) to it: EACCES or EPERM"),
                text(denied.findings().getFirst()));
        // A path the doctor cannot examine, for a reason no other check explains.
        host.statFailures.put("/run/broken", "cannot stat /run/broken: Input/output error");
        Diagnosis broken = unix("/run/broken/app.sock", null);
        assertEquals(List.of(FindingCode.UNIX_PATH_UNRESOLVABLE), codes(broken));
        assertEquals("/run/broken/app.sock cannot be examined: cannot stat /run/broken: Input/output error",
                broken.findings().getFirst().summary());
        // A listener in another network namespace that answers is still fine, and said to be elsewhere.
        host.connectResult = UnixConnectProbe.Result.CONNECTED;
        Diagnosis elsewhere = unix("/run/app.sock", null);
        assertEquals(List.of(), codes(elsewhere));
        assertTrue(elsewhere.verdict().contains("OK — a listener in another network namespace answers"),
                elsewhere.verdict());
    }

    @Test
    void kernelDeviceNumbersAreConvertedForComparison() {
        // major 8, minor 1 (/dev/sda1): kernel 0x800001, stat 0x801; major 0 minor 300: kernel 300, stat 0x1012c.
        assertEquals(0x801, UnixListeners.userDevice((8L << 20) | 1));
        assertEquals((300 & 0xff) | ((300 & ~0xffL) << 12), UnixListeners.userDevice(300));
    }
}
