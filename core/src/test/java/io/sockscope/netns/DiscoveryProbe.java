package io.sockscope.netns;

import io.sockscope.kernel.NetworkNamespace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run as another user by {@link DiscoveryUnprivilegedTest}: discovers, and prints one line per fact.
 */
final class DiscoveryProbe {
    private DiscoveryProbe() {
    }

    public static void main(String[] args) throws Exception {
        List<String> warnings = new ArrayList<>();
        Discovery discovery = new NamespaceDiscovery(Path.of("/proc"), NetworkNamespace.RUN_DIRECTORY, warnings::add)
                .discover();
        DiscoveredNamespace first = discovery.namespaces().getFirst();
        System.out.println("unreadable " + discovery.unreadableProcesses());
        System.out.println("first current " + first.current());
        System.out.println("first inode " + first.netns().inode());
        System.out.println("own pid in first " + first.netns().pidsSample().contains((int) ProcessHandle.current().pid())
                + " or more than " + FoundNamespace.PIDS_SAMPLED + " " + (first.netns().pidsSample().size()
                == FoundNamespace.PIDS_SAMPLED));
        for (DiscoveredNamespace namespace : discovery.namespaces()) {
            System.out.println("found " + namespace.netns().inode() + " " + namespace.netns().name() + " "
                    + namespace.entry());
        }
        System.out.println("warnings " + warnings);
    }
}
