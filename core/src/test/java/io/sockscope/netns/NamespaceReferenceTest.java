package io.sockscope.netns;

import io.sockscope.kernel.NetworkNamespace;
import io.sockscope.model.Netns;
import io.sockscope.testing.ScratchNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code -N ARG}: a name (kept as bytes, checked only by entering, in ss's words), {@code pid:N} and a path (both
 * checked at once, failing in one line).
 */
class NamespaceReferenceTest {

    private static String failure(String argument) {
        return assertThrows(NamespaceReferenceException.class, () -> NamespaceReference.resolve(argument))
                .getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pid:", "pid:abc", "pid:0", "pid:000", "pid:-1", "pid:+5", "pid: 5", "pid:5 ", "pid:1x",
            "pid:0x10", "pid:9999999999"})
    void aMalformedPidIsRefusedInOneLine(String argument) {
        assertEquals("invalid process id in \"" + argument + "\": expected pid:N, N a positive decimal number",
                failure(argument));
    }

    @Test
    void aPidNoProcessHasIsNoProcess() throws Exception {
        int free = freePid();
        assertEquals("no process " + free, failure("pid:" + free));
    }

    @Test
    void theOwnProcessIsFoundByPid() throws Exception {
        long pid = ProcessHandle.current().pid();
        NamespaceReference reference = NamespaceReference.resolve("pid:" + pid);

        assertEquals(NamespaceReference.Kind.PID, reference.kind());
        assertEquals("pid:" + pid, reference.text());
        Netns netns = reference.netns();
        assertEquals(NamespaceDiscovery.inodeOf(Path.of("/proc/self/ns/net")), netns.inode());
        assertTrue(netns.pidsSample().size() <= FoundNamespace.PIDS_SAMPLED, netns.toString());
        assertEquals(netns.pidsSample().stream().sorted().toList(), netns.pidsSample());
    }

    @Test
    void aPathMustBeANetworkNamespaceFile() throws Exception {
        long pid = ProcessHandle.current().pid();
        assertEquals("/proc/" + pid + "/ns/mnt is not a network namespace file", failure("/proc/" + pid + "/ns/mnt"));
        assertEquals("/etc/passwd is not a network namespace file", failure("/etc/passwd"));
        assertEquals("/ is not a network namespace file", failure("/"));
        assertEquals("Cannot open network namespace \"/nonexistent/netns\": No such file or directory",
                failure("/nonexistent/netns"));

        NamespaceReference own = NamespaceReference.resolve("/proc/" + pid + "/ns/net");
        assertEquals(NamespaceReference.Kind.FILE, own.kind());
        assertEquals(NamespaceDiscovery.inodeOf(Path.of("/proc/self/ns/net")), own.netns().inode());
    }

    @Test
    void aNameIsTakenAsItIsAndFailsToEnterInSsWords() throws Exception {
        byte[] bytes = "no-such-\377-namespace".getBytes(StandardCharsets.ISO_8859_1);
        NamespaceReference reference = NamespaceReference.resolve("no-such-?-namespace", bytes);

        assertEquals(NamespaceReference.Kind.NAME, reference.kind());
        NetworkNamespace.EnterException failed = assertThrows(NetworkNamespace.EnterException.class,
                () -> ScratchNamespace.onThread(() -> {
                    reference.enter();
                    return null;
                }));
        assertEquals("Cannot open network namespace \"no-such-?-namespace\": No such file or directory",
                reference.enterFailure(failed));
        assertEquals("Cannot open network namespace \"no-such-?-namespace\": No such file or directory",
                assertThrows(NamespaceReferenceException.class, reference::netns).getMessage());
        // Not a pid, not a path: "pid" alone, or a name with a colon further on, is a name.
        assertEquals(NamespaceReference.Kind.NAME, NamespaceReference.resolve("pid").kind());
        assertEquals(NamespaceReference.Kind.NAME, NamespaceReference.resolve("my:pid:1").kind());
        assertEquals(NamespaceReference.Kind.NAME, NamespaceReference.resolve("").kind());
    }

    @Test
    void aNamedNamespaceIsEnteredByItsName() throws Exception {
        try (HostNamespaces host = HostNamespaces.create()) {
            String name = host.named("by-name");
            long inode = NamespaceDiscovery.inodeOf(Path.of("/run/netns", name));
            HostNamespaces.Helper sleeper = host.sleeperIn(name);

            NamespaceReference reference = NamespaceReference.resolve(name);

            assertEquals(new Netns(inode, name, List.of((int) sleeper.pid())), reference.netns());
            assertEquals(inode, enterAndRead(reference));
        }
    }

    @Test
    void aPidInANamedNamespaceIsNamedAsDiscoveryNamesIt() throws Exception {
        try (HostNamespaces host = HostNamespaces.create()) {
            String name = host.named("pid-named");
            long inode = NamespaceDiscovery.inodeOf(Path.of("/run/netns", name));
            HostNamespaces.Helper sleeper = host.sleeperIn(name);

            NamespaceReference reference = NamespaceReference.resolve("pid:" + sleeper.pid());

            assertEquals(new Netns(inode, name, List.of((int) sleeper.pid())), reference.netns());
            assertEquals(inode, enterAndRead(reference));
        }
    }

    @Test
    void aPidOfAnUnnamedNamespaceIsEnteredThroughTheProcessAndSaysWhenItIsGone() throws Exception {
        try (HostNamespaces host = HostNamespaces.create()) {
            HostNamespaces.Helper sleeper = host.unsharedSleeper();
            long inode = NamespaceDiscovery.inodeOf(Path.of("/proc", Long.toString(sleeper.pid()), "ns", "net"));

            NamespaceReference reference = NamespaceReference.resolve("pid:" + sleeper.pid());

            assertEquals(new Netns(inode, null, List.of((int) sleeper.pid())), reference.netns());
            assertEquals(inode, enterAndRead(reference));
            host.kill(sleeper);
            NetworkNamespace.EnterException failed = assertThrows(NetworkNamespace.EnterException.class,
                    () -> enterAndRead(reference));
            assertEquals("no process " + sleeper.pid(), reference.enterFailure(failed));
        }
    }

    @Test
    void aBindMountElsewhereIsEnteredByItsPath() throws Exception {
        try (HostNamespaces host = HostNamespaces.create()) {
            HostNamespaces.Helper sleeper = host.unsharedSleeper();
            Path link = Path.of("/proc", Long.toString(sleeper.pid()), "ns", "net");
            long inode = NamespaceDiscovery.inodeOf(link);
            Path mount = host.bindMount(link);
            host.kill(sleeper);
            // Another type of namespace bound the same way is no network namespace's file. (Not a mount namespace:
            // the kernel refuses to bind one into itself.)
            Path utsNamespace = host.bindMount(Path.of("/proc/self/ns/uts"));

            NamespaceReference reference = NamespaceReference.resolve(mount.toString());

            assertEquals(new Netns(inode, null, List.of()), reference.netns());
            assertEquals(inode, enterAndRead(reference));
            assertEquals(utsNamespace + " is not a network namespace file", failure(utsNamespace.toString()));
        }
    }

    /** Enters on a thread of its own and reads the namespace that thread is then in. */
    private static long enterAndRead(NamespaceReference reference) throws Exception {
        return ScratchNamespace.onThread(() -> {
            reference.enter();
            return NamespaceDiscovery.currentThreadInode();
        });
    }

    /** A pid no process has now: the first number from the top of pid_max downward that /proc does not list. */
    private static int freePid() throws Exception {
        int max;
        // A sysctl answers one read from offset 0: read it whole at once, as Files.readString would not.
        try (InputStream in = Files.newInputStream(Path.of("/proc/sys/kernel/pid_max"))) {
            byte[] text = new byte[32];
            max = Integer.parseInt(new String(text, 0, in.read(text), StandardCharsets.US_ASCII).strip());
        }
        for (int pid = max - 1; pid > 1; pid--) {
            if (!Files.exists(Path.of("/proc", Integer.toString(pid)))) {
                return pid;
            }
        }
        throw new IllegalStateException("no free pid below " + max);
    }
}
