package io.sockscope.api;

import io.sockscope.testing.HeldListener;
import io.sockscope.testing.ScratchNamespace;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SocketQuery.Builder#allNamespaces()} on the real kernel: two scratch namespaces, a listener in each opened
 * by this JVM from a thread that entered it, and in one of them a python3 process in a Docker-named cgroup
 * ({@link DockerScopedListener}). The listing finds every listener with its namespace, the python one with its
 * container (by the socket's cgroup id for TCP, by its owner's pid for unix), namespace after namespace in
 * discovery's order, on the caller's thread; a query of one namespace still has none of it. Needs root (the
 * namespaces, the cgroup), skipped otherwise.
 */
class AllNamespacesTest {
    private static final SocketQuery TCP_LISTENERS_EVERYWHERE = SocketQuery.builder().protocols(Protocol.TCP)
            .states(SocketState.LISTEN).allNamespaces().build();

    private static long inode(Path nsfs) throws Exception {
        return ((Number) Files.getAttribute(nsfs, "unix:ino")).longValue();
    }

    @Test
    void everyNamespaceIsListedInOrderWithItsNamespaceAndTheContainerWhereKnown() throws Exception {
        try (ScratchNamespace a = ScratchNamespace.create(); ScratchNamespace b = ScratchNamespace.create();
             HeldListener inA = new HeldListener(a.name()); HeldListener inB = new HeldListener(b.name());
             HeldListener here = new HeldListener(null);
             DockerScopedListener docker = DockerScopedListener.start(b.name());
             SocketInspector inspector = SocketInspector.open()) {
            long own = inode(Path.of("/proc/self/ns/net"));
            Thread caller = Thread.currentThread();
            List<InetSocketEntry> listeners = new ArrayList<>();
            inspector.forEach(TCP_LISTENERS_EVERYWHERE, entry -> {
                assertSame(caller, Thread.currentThread(), "handed to the caller's thread");
                listeners.add((InetSocketEntry) entry);
            });

            InetSocketEntry seenInA = only(listeners, inode(a.file()), inA.port());
            assertEquals(a.name(), seenInA.namespace().name());
            assertEquals(a.name(), seenInA.namespace().label());
            InetSocketEntry seenInB = only(listeners, inode(b.file()), inB.port());
            assertEquals(b.name(), seenInB.namespace().name());
            InetSocketEntry seenHere = only(listeners, own, here.port());
            assertFalse(seenHere.namespace().pidsSample().isEmpty(), seenHere.namespace().toString());

            InetSocketEntry python = only(listeners, inode(b.file()), docker.port());
            Container container = python.container();
            assertNotNull(container, "by the socket's cgroup id: " + python);
            assertEquals("docker", container.runtime());
            assertEquals(docker.containerId(), container.id());
            assertEquals("docker-" + docker.containerId() + ".scope", python.unit());
            assertNull(python.pod());
            assertFalse(docker.containerId().equals(seenInB.container() == null ? null : seenInB.container().id()),
                    "this JVM is not in the test's container");

            // The caller's namespace first, then the named ones by name (both scratch names are of one length).
            List<Long> order = new ArrayList<>(namespaceOrder(listeners));
            assertEquals(own, order.getFirst());
            long first = a.name().compareTo(b.name()) < 0 ? inode(a.file()) : inode(b.file());
            long second = first == inode(a.file()) ? inode(b.file()) : inode(a.file());
            assertTrue(order.indexOf(first) < order.indexOf(second), order.toString());
            // Root enters every namespace it finds (a process even root cannot read, such as a sandbox's init,
            // is counted in unreadableProcesses, which is not asserted here).
            assertEquals(List.of(), inspector.skippedNamespaces().notEntered());

            // Unix sockets have no cgroup id: the owner's process tells, when owners are asked for.
            SocketQuery unixWithOwners = SocketQuery.builder().protocols(Protocol.UNIX_STREAM)
                    .states(SocketState.LISTEN).withOwners().allNamespaces().build();
            UnixSocketEntry unix = inspector.list(unixWithOwners).stream().map(UnixSocketEntry.class::cast)
                    .filter(u -> docker.unixName().equals(u.path()) && u.abstractName()).findFirst()
                    .orElseThrow(() -> new AssertionError("the python unix listener @" + docker.unixName()));
            assertEquals(inode(b.file()), unix.namespace().inode());
            assertEquals(docker.pid(), unix.owners().processes().getFirst().pid());
            assertEquals(container, unix.container(), "the same container, by the owner's pid");
            SocketQuery unixWithoutOwners = SocketQuery.builder().protocols(Protocol.UNIX_STREAM)
                    .states(SocketState.LISTEN).allNamespaces().build();
            assertTrue(inspector.list(unixWithoutOwners).stream()
                    .filter(e -> docker.unixName().equals(((UnixSocketEntry) e).path()))
                    .allMatch(e -> e.container() == null && e.namespace() != null), "no owners, no workload");

            // A query of one namespace: the caller's, with none of the four.
            List<SocketEntry> oneNamespace = inspector.list(SocketQuery.builder().protocols(Protocol.TCP)
                    .states(SocketState.LISTEN).build());
            InetSocketEntry plain = oneNamespace.stream().map(InetSocketEntry.class::cast)
                    .filter(s -> s.local().port() == here.port()).findFirst().orElseThrow();
            assertNull(plain.namespace());
            assertNull(plain.container());
            assertNull(plain.pod());
            assertNull(plain.unit());
            assertTrue(oneNamespace.stream().allMatch(e -> e.namespace() == null));
            assertTrue(oneNamespace.stream().map(InetSocketEntry.class::cast)
                    .noneMatch(s -> s.local().port() == docker.port() && s.local().address().equals("127.0.0.1")
                            && docker.port() != here.port()), "the python listener is not in this namespace");
        }
        assertNoListingThreadLeft();
    }

    @Test
    void anActionThatThrowsEndsTheQueryAndTheInspectorGoesOn() throws Exception {
        try (ScratchNamespace a = ScratchNamespace.create(); HeldListener inA = new HeldListener(a.name());
             HeldListener here = new HeldListener(null); SocketInspector inspector = SocketInspector.open()) {
            IllegalStateException stop = new IllegalStateException("enough");
            int[] calls = {0};
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> inspector.forEach(TCP_LISTENERS_EVERYWHERE, entry -> {
                        calls[0]++;
                        throw stop;
                    }));
            assertSame(stop, thrown);
            assertEquals(1, calls[0], "nothing more is handed on once the action threw");
            assertTrue(inspector.skippedNamespaces().isEmpty(), "a query that threw skipped nothing");
            assertNoListingThreadLeft();

            List<SocketEntry> again = inspector.list(TCP_LISTENERS_EVERYWHERE);
            assertTrue(again.stream().map(InetSocketEntry.class::cast).anyMatch(s -> s.local().port() == inA.port()
                    && s.namespace().name().equals(a.name())), again.toString());
            assertTrue(again.stream().map(InetSocketEntry.class::cast).anyMatch(s -> s.local().port() == here.port()
                    && s.namespace().name() == null), again.toString());
        }
    }

    /** The one listener on 127.0.0.1:{@code port} listed in the namespace of {@code inode}. */
    private static InetSocketEntry only(List<InetSocketEntry> listeners, long inode, int port) {
        List<InetSocketEntry> found = listeners.stream()
                .filter(s -> s.namespace().inode() == inode && s.local().port() == port
                        && s.local().address().equals("127.0.0.1"))
                .toList();
        assertEquals(1, found.size(), "port " + port + " in net:[" + inode + "]: " + found);
        return found.getFirst();
    }

    /** The namespaces in the order the listing gave them; fails when one comes back after another began. */
    private static Set<Long> namespaceOrder(List<InetSocketEntry> listeners) {
        Set<Long> order = new LinkedHashSet<>();
        long previous = -1;
        for (InetSocketEntry s : listeners) {
            long inode = s.namespace().inode();
            if (inode != previous) {
                assertTrue(order.add(inode), "net:[" + inode + "] listed in two runs: " + listeners);
                previous = inode;
            }
        }
        return order;
    }

    private static void assertNoListingThreadLeft() {
        List<String> left = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("sockscope-netns-")).toList();
        assertEquals(List.of(), left, "the run's threads end with it");
    }
}
