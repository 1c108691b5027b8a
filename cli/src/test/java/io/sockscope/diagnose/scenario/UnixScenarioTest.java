package io.sockscope.diagnose.scenario;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code unix:PATH} targets on real sockets in a scratch directory: missing, stale, forbidden and healthy,
 * each confirmed by a real connect(2) (as the user in question).
 */
class UnixScenarioTest {
    private static final String NOBODY = "65534:65534";

    private DoctorNetwork net;

    @BeforeEach
    void setUp() throws IOException, InterruptedException {
        ScenarioSupport.assumeScenarioHost();
        net = DoctorNetwork.create();
    }

    @AfterEach
    void tearDown() throws IOException, InterruptedException {
        if (net != null) {
            net.close();
            assertEquals(List.of(), net.remainingNamespaces(), "namespaces left behind");
            assertTrue(Files.notExists(net.directory()), "scratch directory left behind");
        }
    }

    private static void assertFindings(DoctorResult r, int exit, String... codes) {
        assertEquals(List.of(codes), r.codes(), r.describe());
        assertEquals(exit, r.exitCode(), r.describe());
    }

    private static void assertContains(String haystack, String... needles) {
        for (String n : needles) {
            assertTrue(haystack.contains(n), "expected «" + n + "» in:\n" + haystack);
        }
    }

    private Path dir(String name, String mode) throws IOException {
        Path d = net.directory().resolve(name);
        Files.createDirectory(d);
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString(mode));
        return d;
    }

    @Test
    void healthySocket() throws Exception {
        Path sock = dir("run", "rwxr-xr-x").resolve("app.sock");
        net.startServer("unix", sock.toString(), "--mode", "0666");
        assertEquals("connected", net.serverAs(NOBODY, "probe-unix", sock.toString()));
        DoctorResult r = net.doctor("unix:" + sock, "--user", "nobody", "--json");
        assertFindings(r, 0);
        DoctorResult text = net.doctor("unix:" + sock);
        assertEquals(0, text.exitCode(), text.describe());
        assertContains(text.stdout(), ": OK — python3 (pid ", "u_str LISTEN", sock.toString());
    }

    @Test
    void missingSocketWithTheSameNameElsewhere() throws Exception {
        Path real = dir("tmp", "rwxrwxrwx").resolve(".s.PGSQL.5432");
        Path expected = dir("postgresql", "rwxr-xr-x").resolve(".s.PGSQL.5432");
        net.startServer("unix", real.toString(), "--mode", "0777", "--name", "postgres");
        assertEquals("missing", net.serverAs(null, "probe-unix", expected.toString()));
        DoctorResult r = net.doctor("unix:" + expected, "--json");
        assertFindings(r, 1, "UNIX_SOCKET_MISSING");
        assertContains(r.allText("UNIX_SOCKET_MISSING"), expected + " does not exist",
                "a socket with the same name listens at " + real, "postgres (pid ");
        ScenarioSupport.saveExample(net, "unix-missing", "unix:" + expected);
    }

    @Test
    void staleSocketFile() throws Exception {
        Path sock = dir("run", "rwxr-xr-x").resolve("app.sock");
        net.serverAs(null, "unix", sock.toString(), "--stale");
        assertTrue(Files.exists(sock));
        assertEquals("refused", net.serverAs(null, "probe-unix", sock.toString()));
        DoctorResult r = net.doctor("unix:" + sock, "--json");
        assertFindings(r, 1, "UNIX_SOCKET_NOT_LISTENING");
        assertContains(r.allText("UNIX_SOCKET_NOT_LISTENING"), "nobody listens on", "ECONNREFUSED", "srwx");
        ScenarioSupport.saveExample(net, "unix-stale", "unix:" + sock);
    }

    @Test
    void permissionDenied() throws Exception {
        Path sock = dir("private", "rwx------").resolve("app.sock");
        net.startServer("unix", sock.toString(), "--mode", "0660");
        assertEquals("denied", net.serverAs(NOBODY, "probe-unix", sock.toString()));
        assertEquals("connected", net.serverAs(null, "probe-unix", sock.toString()));
        DoctorResult r = net.doctor("unix:" + sock, "--user", "nobody", "--json");
        assertFindings(r, 1, "UNIX_SOCKET_PERMISSION");
        assertContains(r.allText("UNIX_SOCKET_PERMISSION"), "nobody cannot connect",
                sock.getParent() + " is not searchable by nobody", "drwx------ root root " + sock.getParent(),
                "chmod o+x " + sock.getParent());
        assertFindings(net.doctor("unix:" + sock, "--json"), 0);
        ScenarioSupport.saveExample(net, "unix-permission", "unix:" + sock, "--user", "nobody");
    }

    @Test
    void fileNameLongerThanTheKernelAllows() throws Exception {
        Path sock = dir("run", "rwxr-xr-x").resolve("a".repeat(300)).resolve("app.sock");
        assertTrue(net.serverAs(null, "probe-unix", sock.toString()).startsWith("error:"));
        DoctorResult r = net.doctor("unix:" + sock, "--json");
        assertFindings(r, 1, "UNIX_PATH_TOO_LONG");
        assertContains(r.allText("UNIX_PATH_TOO_LONG"), "cannot exist", "300 bytes long", "ENAMETOOLONG");
        assertContains(DoctorResult.text(r.json(), "verdict"), ": PROBLEM — ");
    }

    @Test
    void symbolicLinkLoop() throws Exception {
        Path run = dir("run", "rwxr-xr-x");
        Files.createSymbolicLink(run.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(run.resolve("loop2"), Path.of("loop1"));
        Path sock = run.resolve("loop1");
        assertEquals("error:ELOOP", net.serverAs(null, "probe-unix", sock.toString()));
        DoctorResult r = net.doctor("unix:" + sock, "--json");
        assertFindings(r, 1, "UNIX_PATH_UNRESOLVABLE");
        assertContains(r.allText("UNIX_PATH_UNRESOLVABLE"), "symbolic links form a loop", "ELOOP",
                run.resolve("loop1") + " -> loop2", run.resolve("loop2") + " -> loop1");
        // A loop in a directory on the way is the same.
        DoctorResult deeper = net.doctor("unix:" + sock.resolve("app.sock"), "--json");
        assertFindings(deeper, 1, "UNIX_PATH_UNRESOLVABLE");
        ScenarioSupport.saveExample(net, "unix-loop", "unix:" + sock);
    }

    @Test
    void listenerAtAPathLongerThanSunPath() throws Exception {
        // A server in a deep directory binds a relative name: it listens, and no client can name its path.
        Path deep = dir("d".repeat(100), "rwxr-xr-x");
        Path sock = deep.resolve("app.sock");
        net.startServer("unix", "app.sock", "--chdir", deep.toString(), "--mode", "0666");
        assertTrue(sock.toString().length() > 107, sock.toString());
        assertEquals("error:AF_UNIX path too long", net.serverAs(null, "probe-unix", sock.toString()));
        assertEquals("connected", net.serverAs(null, "probe-unix", "app.sock", "--chdir", deep.toString()));
        DoctorResult r = net.doctor("unix:" + sock, "--json");
        assertFindings(r, 1, "UNIX_PATH_TOO_LONG");
        assertContains(r.allText("UNIX_PATH_TOO_LONG"), "no client can connect by this path",
                "bound it by the relative name app.sock", "u_str LISTEN", "python3 (pid ", "ln -s " + sock);
        // The way round it the fix offers: a short symbolic link, which the doctor finds healthy.
        Path link = dir("run", "rwxr-xr-x").resolve("app.sock");
        Files.createSymbolicLink(link, sock);
        assertEquals("connected", net.serverAs(null, "probe-unix", link.toString()));
        assertFindings(net.doctor("unix:" + link, "--json"), 0);
        ScenarioSupport.saveExample(net, "unix-too-long", "unix:" + sock);
    }

    @Test
    void socketFileWritableOnlyByItsGroup() throws Exception {
        Path sock = dir("run", "rwxr-xr-x").resolve("db.sock");
        net.startServer("unix", sock.toString(), "--mode", "0660", "--name", "postgres");
        assertEquals("denied", net.serverAs(NOBODY, "probe-unix", sock.toString()));
        DoctorResult r = net.doctor("unix:" + sock, "--user", "nobody", "--json");
        assertFindings(r, 1, "UNIX_SOCKET_PERMISSION");
        // Group root: the fix does not suggest joining it, but a group of the socket's own.
        assertContains(r.allText("UNIX_SOCKET_PERMISSION"), sock + " is not writable by nobody",
                "chmod o+w " + sock, "chgrp GROUP " + sock, "unix_socket_permissions");
        ScenarioSupport.saveExample(net, "unix-permission-group", "unix:" + sock, "--user", "nobody");
    }
}
