package io.sockscope.source;

import io.sockscope.kernel.Errno;
import io.sockscope.kernel.InterfaceNames;
import io.sockscope.kernel.NetworkNamespace;
import io.sockscope.model.InetSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.TcpState;
import io.sockscope.testing.ScratchNamespace;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A thread that entered a network namespace ({@link NetworkNamespace}) sees that namespace, and nothing
 * else in the JVM does: its netlink dumps, its interface names and the {@code /proc/net} paths
 * {@link ProcPaths} builds on it are the namespace's, while the rest of the process stays where it was.
 */
class NamespaceThreadTest {
    private static String netnsLink(String proc) throws Exception {
        return Files.readSymbolicLink(Path.of(proc, "ns", "net")).toString();
    }

    @Test
    void aMissingNamespaceIsNotEnteredAndTheFailureNamesTheOpen() throws Exception {
        String[] links = ScratchNamespace.onThread(() -> {
            String before = netnsLink("/proc/thread-self");
            NetworkNamespace.EnterException e = assertThrows(NetworkNamespace.EnterException.class,
                    () -> NetworkNamespace.enter("sockscope-no-such-namespace"));
            assertEquals(NetworkNamespace.Step.OPEN, e.step());
            assertEquals(Errno.ENOENT, e.errno());
            assertEquals("open /run/netns/sockscope-no-such-namespace: ENOENT", e.getMessage());
            return new String[] {before, netnsLink("/proc/thread-self")};
        });
        assertEquals(links[0], links[1], "the thread stayed where it was");
    }

    @Test
    void aNamespaceOfAnotherKindIsRefusedBySetns() throws Exception {
        NetworkNamespace.EnterException e = ScratchNamespace.onThread(() -> assertThrows(
                NetworkNamespace.EnterException.class, () -> NetworkNamespace.enter(Path.of("/proc/self/ns/uts"))));
        assertEquals(NetworkNamespace.Step.SETNS, e.step());
        assertTrue(Set.of(Errno.EINVAL, Errno.EPERM).contains(e.errno()), "EINVAL as root, EPERM otherwise: " + e);
    }

    /** What the thread inside saw. */
    private record Inside(String namespaceLink, int port, long inode, boolean dumpedThere, String procPath,
                          boolean procFileListsIt, List<String> rewritten, int loopbackIndex) {
    }

    @Test
    void onlyTheThreadThatEnteredSeesTheNamespace() throws Exception {
        try (ScratchNamespace ns = ScratchNamespace.create()) {
            String processLink = netnsLink("/proc/self");
            Inside inside = ScratchNamespace.onThread(() -> {
                NetworkNamespace.enter(ns.name());
                try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
                    server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 3);
                    int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
                    List<SocketRecord> dumped = new ArrayList<>();
                    new NetlinkSource().dump(DumpKind.TCP, NetlinkSourceKernelTest.everything(), dumped::add, w -> { });
                    InetSocket listener = dumped.stream().map(InetSocket.class::cast)
                            .filter(s -> s.local().port() == port && s.state() == TcpState.LISTEN.code())
                            .findFirst().orElseThrow();
                    Path tcp = new ProcPaths(Map.of()).resolve(ProcNetFile.TCP);
                    String hexPort = String.format(Locale.ROOT, ":%04X ", port);
                    boolean listed = Files.readAllLines(tcp).stream().anyMatch(l -> l.contains("0100007F" + hexPort));
                    List<String> rewritten = List.of(
                            new ProcPaths(Map.of("PROC_ROOT", "/proc")).resolve(ProcNetFile.UDP).toString(),
                            new ProcPaths(Map.of("PROC_NET_UNIX", "/proc/self/net/unix")).resolve(ProcNetFile.UNIX).toString(),
                            new ProcPaths(Map.of("PROC_ROOT", "/elsewhere")).resolve(ProcNetFile.UDP).toString());
                    return new Inside(netnsLink("/proc/thread-self"), port, listener.inode(), true, tcp.toString(),
                            listed, rewritten, new InterfaceNames().index("lo"));
                }
            });
            long nsInode = ((Number) Files.getAttribute(ns.file(), "unix:ino")).longValue();
            assertEquals("net:[" + nsInode + "]", inside.namespaceLink());
            assertTrue(inside.dumpedThere());
            String taskNet = "/proc/" + ProcessHandle.current().pid() + "/task/";
            assertTrue(inside.procPath().startsWith(taskNet) && inside.procPath().endsWith("/net/tcp"), inside.procPath());
            assertTrue(inside.procFileListsIt(), "the thread's /proc net directory lists the namespace's listener");
            assertTrue(inside.rewritten().get(0).startsWith(taskNet) && inside.rewritten().get(0).endsWith("/net/udp"));
            assertTrue(inside.rewritten().get(1).startsWith(taskNet) && inside.rewritten().get(1).endsWith("/net/unix"));
            assertEquals("/elsewhere/net/udp", inside.rewritten().get(2), "a proc tree of one's own stays as it is");
            assertEquals(1, inside.loopbackIndex(), "a fresh namespace's loopback is interface 1");

            assertEquals(processLink, netnsLink("/proc/self"), "the process did not move");
            assertEquals(processLink, netnsLink("/proc/thread-self"), "this thread did not move");
            assertEquals(Path.of("/proc/net/tcp"), new ProcPaths(Map.of()).resolve(ProcNetFile.TCP));
            List<SocketRecord> here = new ArrayList<>();
            new NetlinkSource().dump(DumpKind.TCP, NetlinkSourceKernelTest.everything(), here::add, w -> { });
            assertFalse(here.stream().anyMatch(s -> s.inode() == inside.inode()), "the listener is not in this namespace");
        }
    }
}
