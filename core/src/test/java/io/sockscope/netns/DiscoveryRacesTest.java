package io.sockscope.netns;

import io.sockscope.kernel.NetworkNamespace;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Processes exit, namespaces die and descriptors close while discovery reads the host: every run still ends
 * normally, lists each namespace once, current first, and says nothing of what vanished.
 */
class DiscoveryRacesTest {

    @Test
    void churnDuringDiscoveryIsSkippedWithoutAWord() throws Exception {
        try (HostNamespaces host = HostNamespaces.create()) {
            String name = host.named("churn");
            AtomicBoolean stop = new AtomicBoolean();
            List<Process> started = new ArrayList<>();
            Thread churn = Thread.ofPlatform().name("churn").start(() -> {
                while (!stop.get()) {
                    try {
                        // A namespace made and gone; a process holding a namespace open for a moment.
                        started.add(new ProcessBuilder("unshare", "-n", "true").start());
                        started.add(new ProcessBuilder(HostNamespaces.python().toString(), "-c",
                                "import os\nfor _ in range(50): os.close(os.open('/run/netns/" + name
                                        + "', os.O_RDONLY))\n").start());
                        for (Process p : started) {
                            p.waitFor(10, TimeUnit.SECONDS);
                        }
                        started.clear();
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            ConcurrentLinkedQueue<String> warnings = new ConcurrentLinkedQueue<>();
            NamespaceDiscovery discovery = new NamespaceDiscovery(Path.of("/proc"), NetworkNamespace.RUN_DIRECTORY,
                    warnings::add);
            long hostInode = NamespaceDiscovery.currentThreadInode();
            long named = NamespaceDiscovery.inodeOf(Path.of("/run/netns", name));
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                int runs = 0;
                while (System.nanoTime() < deadline || runs < 5) {
                    Discovery found = discovery.discover();
                    runs++;
                    assertEquals(hostInode, found.namespaces().getFirst().netns().inode());
                    Set<Long> inodes = new HashSet<>();
                    for (DiscoveredNamespace namespace : found.namespaces()) {
                        assertTrue(inodes.add(namespace.netns().inode()), "listed once: " + found.namespaces());
                    }
                    assertTrue(inodes.contains(named), found.namespaces().toString());
                    NamespaceDiscoveryLiveTest.assertOrdered(found.namespaces());
                }
            } finally {
                stop.set(true);
                churn.join(TimeUnit.SECONDS.toMillis(30));
            }
            // Other users of the machine may be naming namespaces meanwhile; nothing of ours may be said.
            for (String warning : warnings) {
                assertTrue(warning.endsWith(" is not a network namespace") && !warning.contains(name), warning);
            }
        }
    }
}
