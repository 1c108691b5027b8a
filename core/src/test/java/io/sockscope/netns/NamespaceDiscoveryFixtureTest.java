package io.sockscope.netns;

import io.sockscope.model.Netns;
import io.sockscope.procmap.ProcessLinkScanner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Discovery over a fixture {@code /proc} tree: plain symbolic links that read as the kernel's do
 * ({@code net:[N]}, {@code socket:[N]}), and a mountinfo file. It needs no privilege, and checks the
 * bookkeeping: pids sampled lowest first, one entry per inode whatever found it, the entry's preference, the
 * order, and what is not a network namespace left out; with java.nio and with native calls, on one thread
 * and on several.
 */
class NamespaceDiscoveryFixtureTest {

    @ParameterizedTest(name = "native {0}, {1} threads")
    @CsvSource({"false, 1", "false, 2", "true, 1", "true, 3"})
    void everySourceIsCountedOncePerInodeInTheStatedOrder(boolean nativeCalls, int threads, @TempDir Path dir)
            throws IOException {
        Path proc = dir.resolve("proc");
        // Namespace 500: seven processes, listed out of order; only the lowest five are sampled.
        for (int pid : new int[]{907, 130, 712, 131, 950, 402, 133}) {
            process(proc, pid, "net:[500]");
        }
        // Namespace 700: one process, and held open by another process's descriptor.
        process(proc, 300, "net:[700]");
        process(proc, 301, "net:[500]");
        descriptor(proc, 301, 3, "socket:[9001]");
        descriptor(proc, 301, 4, "net:[700]");
        // Namespace 800: held open only, by two descriptors; the lowest pid and fd is the entry.
        process(proc, 302, "net:[500]");
        descriptor(proc, 302, 9, "net:[800]");
        descriptor(proc, 301, 12, "net:[800]");
        descriptor(proc, 301, 11, "net:[800]");
        // Namespace 900: pinned by two bind mounts; the older is the entry. Namespace 600: mounted, and a
        // process is in it, whose link is the entry only when there is no mount.
        Path self = Files.createDirectories(proc.resolve("self"));
        Files.writeString(self.resolve("mountinfo"), """
                45 22 0:4 net:[900] /var/run/pins/older rw - nsfs nsfs rw
                46 22 0:4 net:[900] /var/run/pins/newer rw - nsfs nsfs rw
                47 22 0:4 mnt:[950] /var/run/pins/mnt rw - nsfs nsfs rw
                48 22 0:4 net:[600] /var/run/pins/six rw - nsfs nsfs rw
                """);
        process(proc, 120, "net:[600]");
        // Neither a namespace nor a process: a process with no link, a link of another kind, a descriptor to a file.
        Files.createDirectories(proc.resolve("140").resolve("fd"));
        process(proc, 141, "mnt:[950]");
        descriptor(proc, 141, 5, dir.resolve("a-file").toString());
        descriptor(proc, 141, 6, "pipe:[77]");
        ConcurrentLinkedQueue<String> warnings = new ConcurrentLinkedQueue<>();
        ProcessLinkScanner scanner = ProcessLinkScanner.create(warnings::add, threads, nativeCalls);

        Discovery discovery = new NamespaceDiscovery(proc, dir.resolve("no-run-netns"), warnings::add, scanner)
                .discover();

        assertEquals(List.of(
                new DiscoveredNamespace(new Netns(600, null, List.of(120)), Path.of("/var/run/pins/six"), false),
                new DiscoveredNamespace(new Netns(500, null, List.of(130, 131, 133, 301, 302)),
                        proc.resolve("130/ns/net"), false),
                new DiscoveredNamespace(new Netns(700, null, List.of(300)), proc.resolve("300/ns/net"), false),
                new DiscoveredNamespace(new Netns(800, null, List.of()), proc.resolve("301/fd/11"), false),
                new DiscoveredNamespace(new Netns(900, null, List.of()), Path.of("/var/run/pins/older"), false)),
                discovery.namespaces());
        assertEquals(0, discovery.unreadableProcesses());
        assertEquals(List.of(), List.copyOf(warnings));
        assertEquals(nativeCalls, scanner.usesNativeCalls(), "the tests run with native access");
    }

    @ParameterizedTest(name = "native {0}")
    @CsvSource({"false", "true"})
    void aTreeThatCannotBeReadFindsNothingAndSaysWhy(boolean nativeCalls, @TempDir Path dir) {
        ConcurrentLinkedQueue<String> warnings = new ConcurrentLinkedQueue<>();
        ProcessLinkScanner scanner = ProcessLinkScanner.create(warnings::add, 2, nativeCalls);

        Discovery discovery = new NamespaceDiscovery(dir.resolve("missing"), dir.resolve("missing-too"),
                warnings::add, scanner).discover();

        assertEquals(List.of(), discovery.namespaces());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.peek().startsWith("process scan: cannot open " + dir.resolve("missing")), warnings.peek());
    }

    private static void process(Path proc, int pid, String netLink) throws IOException {
        Path ns = Files.createDirectories(proc.resolve(Integer.toString(pid)).resolve("ns"));
        Files.createDirectories(proc.resolve(Integer.toString(pid)).resolve("fd"));
        Files.createSymbolicLink(ns.resolve("net"), Path.of(netLink));
    }

    private static void descriptor(Path proc, int pid, int fd, String target) throws IOException {
        Files.createSymbolicLink(proc.resolve(Integer.toString(pid)).resolve("fd").resolve(Integer.toString(fd)),
                Path.of(target));
    }
}
