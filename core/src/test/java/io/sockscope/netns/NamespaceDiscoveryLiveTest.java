package io.sockscope.netns;

import io.sockscope.kernel.NetworkNamespace;
import io.sockscope.model.Netns;
import io.sockscope.testing.ScratchNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Discovery on the real host, as root: each way a network namespace can be kept alive (a name, a process, a
 * descriptor, a bind mount elsewhere) is found, once, with the right name, pids and entry, in the stated order.
 * Other namespaces may exist meanwhile (other tests, other users of the machine): only the ones made here are
 * looked for, and the order is checked over the whole list by its definition.
 */
class NamespaceDiscoveryLiveTest {
    private HostNamespaces host;
    private final ConcurrentLinkedQueue<String> warnings = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void setUp() {
        host = HostNamespaces.create();
    }

    @AfterEach
    void tearDown() throws Exception {
        host.close();
    }

    private Discovery discover() {
        return new NamespaceDiscovery(Path.of("/proc"), NetworkNamespace.RUN_DIRECTORY, warnings::add).discover();
    }

    private static DiscoveredNamespace find(Discovery discovery, long inode) {
        DiscoveredNamespace found = null;
        for (DiscoveredNamespace namespace : discovery.namespaces()) {
            if (namespace.netns().inode() == inode) {
                assertNull(found, "inode " + inode + " listed twice: " + discovery.namespaces());
                found = namespace;
            }
        }
        assertNotNull(found, "inode " + inode + " not found in " + discovery.namespaces());
        return found;
    }

    @Test
    void aNamedNamespaceWithNoProcessIsFoundByItsName() throws Exception {
        String name = host.named("alone");
        long inode = NamespaceDiscovery.inodeOf(Path.of("/run/netns", name));

        DiscoveredNamespace found = find(discover(), inode);

        assertEquals(new Netns(inode, name, List.of()), found.netns());
        assertEquals(Path.of("/run/netns", name), found.entry());
        assertFalse(found.current());
    }

    @Test
    void anUnnamedNamespaceWithAProcessIsFoundThroughTheProcess() throws Exception {
        HostNamespaces.Helper sleeper = host.unsharedSleeper();
        Path link = Path.of("/proc", Long.toString(sleeper.pid()), "ns", "net");
        long inode = NamespaceDiscovery.inodeOf(link);

        DiscoveredNamespace found = find(discover(), inode);

        assertEquals(new Netns(inode, null, List.of((int) sleeper.pid())), found.netns());
        assertEquals(link, found.entry());
        assertFalse(found.current());
    }

    @Test
    void aNamespaceKeptOnlyByAnOpenDescriptorIsEnteredThroughIt() throws Exception {
        String name = host.named("held");
        long inode = NamespaceDiscovery.inodeOf(Path.of("/run/netns", name));
        HostNamespaces.HeldFile held = host.holdOpen(Path.of("/run/netns", name));
        // The mount goes: the descriptor now reads as "/", the root of a detached mount, not as net:[N].
        host.deleteName(name);

        DiscoveredNamespace found = find(discover(), inode);

        Path descriptor = Path.of("/proc", Long.toString(held.helper().pid()), "fd", Integer.toString(held.fd()));
        assertEquals(new Netns(inode, null, List.of()), found.netns());
        assertEquals(descriptor, found.entry());
        long entered = ScratchNamespace.onThread(() -> {
            NetworkNamespace.enter(found.entry());
            return NamespaceDiscovery.currentThreadInode();
        });
        assertEquals(inode, entered);
    }

    @Test
    void aDescriptorOpenedThroughProcReadsAsTheNamespaceAndIsFoundToo() throws Exception {
        HostNamespaces.Helper sleeper = host.unsharedSleeper();
        Path link = Path.of("/proc", Long.toString(sleeper.pid()), "ns", "net");
        long inode = NamespaceDiscovery.inodeOf(link);
        HostNamespaces.HeldFile held = host.holdOpen(link);
        host.kill(sleeper);

        DiscoveredNamespace found = find(discover(), inode);

        assertEquals(new Netns(inode, null, List.of()), found.netns());
        assertEquals(Path.of("/proc", Long.toString(held.helper().pid()), "fd", Integer.toString(held.fd())),
                found.entry());
    }

    @Test
    void aNamespaceKeptOnlyByABindMountElsewhereIsEnteredThroughTheMount() throws Exception {
        HostNamespaces.Helper sleeper = host.unsharedSleeper();
        Path link = Path.of("/proc", Long.toString(sleeper.pid()), "ns", "net");
        long inode = NamespaceDiscovery.inodeOf(link);
        Path mount = host.bindMount(link);
        host.kill(sleeper);

        DiscoveredNamespace found = find(discover(), inode);

        assertEquals(new Netns(inode, null, List.of()), found.netns());
        assertEquals(mount, found.entry());
        assertEquals(inode, ScratchNamespace.onThread(() -> {
            NetworkNamespace.enter(found.entry());
            return NamespaceDiscovery.currentThreadInode();
        }));
    }

    @Test
    void aNamespaceBothNamedAndWithProcessesIsListedOnceWithBoth() throws Exception {
        String name = host.named("both");
        long inode = NamespaceDiscovery.inodeOf(Path.of("/run/netns", name));
        HostNamespaces.Helper first = host.sleeperIn(name);
        HostNamespaces.Helper second = host.sleeperIn(name);
        // Held open and bind-mounted as well: still one namespace.
        host.holdOpen(Path.of("/proc", Long.toString(first.pid()), "ns", "net"));
        host.bindMount(Path.of("/run/netns", name));

        DiscoveredNamespace found = find(discover(), inode);

        List<Integer> pids = new ArrayList<>(List.of((int) first.pid(), (int) second.pid()));
        pids.sort(null);
        assertEquals(new Netns(inode, name, pids), found.netns());
        assertEquals(Path.of("/run/netns", name), found.entry());
    }

    @Test
    void ofSeveralNamesTheFirstInByteOrderIsTheName() throws Exception {
        String name = host.named("b-name");
        String alias = host.alias(name, "a-name");
        long inode = NamespaceDiscovery.inodeOf(Path.of("/run/netns", name));

        DiscoveredNamespace found = find(discover(), inode);

        assertEquals(alias, found.netns().name());
        assertEquals(Path.of("/run/netns", alias), found.entry());
    }

    @Test
    void theOrderIsCurrentThenNamedByNameThenByLowestPidThenByInode() throws Exception {
        String late = host.named("zz");
        String early = host.named("aa");
        HostNamespaces.Helper one = host.unsharedSleeper();
        HostNamespaces.Helper two = host.unsharedSleeper();
        HostNamespaces.Helper mounted = host.unsharedSleeper();
        Path mountedLink = Path.of("/proc", Long.toString(mounted.pid()), "ns", "net");
        long mountOnly = NamespaceDiscovery.inodeOf(mountedLink);
        host.bindMount(mountedLink);
        host.kill(mounted);

        Discovery discovery = discover();

        long hostInode = NamespaceDiscovery.currentThreadInode();
        assertEquals(hostInode, discovery.namespaces().getFirst().netns().inode());
        assertOrdered(discovery.namespaces());
        List<Long> mine = new ArrayList<>();
        for (DiscoveredNamespace namespace : discovery.namespaces()) {
            mine.add(namespace.netns().inode());
        }
        long[] expected = {
                NamespaceDiscovery.inodeOf(Path.of("/run/netns", early)),
                NamespaceDiscovery.inodeOf(Path.of("/run/netns", late)),
                inodeOfProcess(Math.min(one.pid(), two.pid())),
                inodeOfProcess(Math.max(one.pid(), two.pid())),
                mountOnly};
        int previous = -1;
        for (long inode : expected) {
            int at = mine.indexOf(inode);
            assertTrue(at > previous, "inode " + inode + " at " + at + " in " + discovery.namespaces());
            previous = at;
        }
    }

    @Test
    void currentIsTheCallingThreadsNamespaceNotTheProcesss() throws Exception {
        String name = host.named("entered");
        long inode = NamespaceDiscovery.inodeOf(Path.of("/run/netns", name));
        long processInode = NamespaceDiscovery.inodeOf(Path.of("/proc/self/ns/net"));

        Discovery seenFromInside = ScratchNamespace.onThread(() -> {
            NetworkNamespace.enter(name);
            return discover();
        });

        DiscoveredNamespace first = seenFromInside.namespaces().getFirst();
        assertEquals(inode, first.netns().inode());
        assertTrue(first.current());
        assertEquals(name, first.netns().name(), "the current namespace keeps its name");
        assertFalse(find(seenFromInside, processInode).current(), "the process's namespace is not the thread's");
        assertEquals(1, seenFromInside.namespaces().stream().filter(DiscoveredNamespace::current).count());
        assertOrdered(seenFromInside.namespaces());
    }

    @Test
    void aThreadInANamespaceNothingElseKeepsFindsItThroughItself() throws Exception {
        String name = host.named("vanishing");
        long inode = NamespaceDiscovery.inodeOf(Path.of("/run/netns", name));

        DiscoveredNamespace first = ScratchNamespace.onThread(() -> {
            NetworkNamespace.enter(name);
            host.deleteName(name);
            return discover().namespaces().getFirst();
        });

        assertEquals(inode, first.netns().inode());
        assertTrue(first.current());
        assertNull(first.netns().name());
        assertTrue(first.entry().toString().matches("/proc/\\d+/task/\\d+/ns/net"), first.entry().toString());
    }

    @Test
    void everyEntryFoundOpensTheNamespaceItIsListedFor() throws Exception {
        host.named("entry");
        host.unsharedSleeper();

        Discovery discovery = discover();

        for (DiscoveredNamespace namespace : discovery.namespaces()) {
            String entry = namespace.entry().toString();
            if (entry.startsWith("/proc/") || entry.startsWith("/run/netns/" + host.uniqueName(""))) {
                try {
                    assertEquals(namespace.netns().inode(), NamespaceDiscovery.inodeOf(namespace.entry()), entry);
                } catch (java.nio.file.NoSuchFileException gone) {
                    // Another user's process exited since: not ours to check.
                }
            }
        }
        assertTrue(discovery.unreadableProcesses() >= 0);
    }

    private static long inodeOfProcess(long pid) throws Exception {
        return NamespaceDiscovery.inodeOf(Path.of("/proc", Long.toString(pid), "ns", "net"));
    }

    /** The order of a discovery, by its definition, over the whole list. */
    static void assertOrdered(List<DiscoveredNamespace> namespaces) {
        assertTrue(namespaces.getFirst().current(), "current first: " + namespaces);
        for (int i = 1; i < namespaces.size(); i++) {
            DiscoveredNamespace a = namespaces.get(i - 1);
            DiscoveredNamespace b = namespaces.get(i);
            assertFalse(b.current(), "only the first is current: " + namespaces);
            int rankA = rank(a);
            int rankB = rank(b);
            assertTrue(rankA <= rankB, "current, named, with pids, the rest: " + namespaces);
            if (rankA == rankB && rankA == 1) {
                assertTrue(FoundNamespace.compareNames(a.netns().name(), b.netns().name()) < 0, "by name: " + namespaces);
            } else if (rankA == rankB && rankA == 2) {
                assertTrue(a.netns().pidsSample().getFirst() < b.netns().pidsSample().getFirst(), "by pid: " + namespaces);
            } else if (rankA == rankB) {
                assertTrue(a.netns().inode() < b.netns().inode(), "by inode: " + namespaces);
            }
        }
    }

    private static int rank(DiscoveredNamespace namespace) {
        if (namespace.current()) {
            return 0;
        }
        if (namespace.netns().name() != null) {
            return 1;
        }
        return namespace.netns().pidsSample().isEmpty() ? 3 : 2;
    }
}
