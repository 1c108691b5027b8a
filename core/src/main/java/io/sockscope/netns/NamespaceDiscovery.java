package io.sockscope.netns;

import io.sockscope.model.WarningSink;
import io.sockscope.names.MountInfo;
import io.sockscope.procmap.ProcessLinkScanner;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongPredicate;

/**
 * Finds every network namespace on the host, from everything that can keep one alive: the processes in it
 * ({@code /proc/PID/ns/net}), its names ({@code /run/netns/NAME}), other nsfs bind mounts of it (mountinfo), and
 * descriptors held open on it ({@code /proc/PID/fd/N}). Each namespace is reported once, by inode, with a file
 * to enter it by ({@link DiscoveredNamespace#entry()}).
 *
 * <p>Processes exit and descriptors close while the host is read: what disappears is skipped without a word, as
 * is what is not ours to read, which is counted ({@link Discovery#unreadableProcesses()}). What matters and
 * cannot be read (the mount table, the named-namespace directory, a name that is no namespace) goes to the
 * warning sink. Nothing is printed.
 *
 * <p>"Current" means the network namespace of the calling thread, not of the process: a thread that entered
 * another namespace ({@code setns}) sees that one first. An instance holds no state between calls and may be
 * used from several threads.
 */
public final class NamespaceDiscovery {
    private static final String NET_LINK = "ns/net";
    private static final String THREAD_SELF = "thread-self";

    private final Path procRoot;
    private final Path runDirectory;
    private final WarningSink warnings;
    private final ProcessLinkScanner scanner;

    /**
     * @param procRoot     the process tree, normally {@code /proc}
     * @param runDirectory where named namespaces live, normally
     *                     {@link io.sockscope.kernel.NetworkNamespace#RUN_DIRECTORY}
     * @param warnings     receives what could not be read and matters
     */
    public NamespaceDiscovery(Path procRoot, Path runDirectory, WarningSink warnings) {
        this(procRoot, runDirectory, warnings, ProcessLinkScanner.create(warnings));
    }

    /** A discovery reading processes with {@code scanner}: for measuring one way of scanning against another. */
    NamespaceDiscovery(Path procRoot, Path runDirectory, WarningSink warnings, ProcessLinkScanner scanner) {
        this.procRoot = Objects.requireNonNull(procRoot, "procRoot");
        this.runDirectory = Objects.requireNonNull(runDirectory, "runDirectory");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.scanner = Objects.requireNonNull(scanner, "scanner");
    }

    /**
     * The inode of the namespace an nsfs file refers to ({@code stat}, following links): the number
     * {@code readlink} shows in {@code net:[N]}.
     *
     * @throws IOException when the file cannot be read
     */
    public static long inodeOf(Path nsfsFile) throws IOException {
        return ((Number) Files.getAttribute(nsfsFile, "unix:ino")).longValue();
    }

    /**
     * The inode of the calling thread's network namespace ({@code /proc/thread-self/ns/net}).
     *
     * @throws IOException when {@code /proc} cannot be read
     */
    public static long currentThreadInode() throws IOException {
        return inodeOf(Path.of("/proc", THREAD_SELF, NET_LINK));
    }

    /** Every network namespace found, in the order {@link Discovery#namespaces()} states. */
    public Discovery discover() {
        Path ownLink = procRoot.resolve(THREAD_SELF).resolve(NET_LINK);
        long current = inodeOrNone(ownLink);
        NamespaceFiles files = new NamespaceFiles(NamespaceFiles.nsfsDevice(ownLink));
        Map<Long, FoundNamespace> found = new HashMap<>();

        for (NetworkMount mount : networkMounts()) {
            found(found, mount.inode()).addMountPoint(mount.mountPoint());
        }
        ProcessLinkScanner.Result processes = scanner.scan(procRoot, NET_LINK, NamespaceDescriptors.INSTANCE);
        for (ProcessLinkScanner.ProcessLink link : processes.processLinks()) {
            long inode = NsfsName.networkInode(link.target());
            if (inode != NsfsName.NONE) {
                found(found, inode).addPid(link.pid());
            }
        }
        for (Path file : namedFiles()) {
            long inode = namedInode(files, file, found::containsKey);
            if (inode != NamespaceFiles.NONE) {
                found(found, inode).addName(file);
            }
        }
        for (ProcessLinkScanner.DescriptorLink descriptor : processes.descriptorLinks()) {
            long inode = descriptorInode(files, descriptor, found);
            if (inode != NamespaceFiles.NONE) {
                found(found, inode).addDescriptor(descriptor.pid(), descriptor.fd());
            }
        }
        if (current != NsfsName.NONE && !found.containsKey(current)) {
            // Entered by a descriptor of which nothing else is left: reachable through the thread alone.
            Path thread = threadDirectory();
            if (thread != null) {
                found(found, current).setThreadEntry(thread.resolve(NET_LINK));
            }
        }
        List<DiscoveredNamespace> namespaces = new ArrayList<>(found.size());
        for (FoundNamespace namespace : found.values()) {
            DiscoveredNamespace built = namespace.build(procRoot, namespace.inode() == current);
            if (built != null) {
                namespaces.add(built);
            }
        }
        namespaces.sort(FoundNamespace.Order.INSTANCE);
        return new Discovery(namespaces, processes.refusedProcesses());
    }

    /** The first name of the network namespace of {@code inode} in byte order, or null when it has none. */
    String firstNameOf(long inode) {
        NamespaceFiles files = new NamespaceFiles(
                NamespaceFiles.nsfsDevice(procRoot.resolve(THREAD_SELF).resolve(NET_LINK)));
        String first = null;
        for (Path file : namedFiles()) {
            String name = file.getFileName().toString();
            if ((first == null || FoundNamespace.compareNames(name, first) < 0)
                    && namedInode(files, file, known -> known == inode) == inode) {
                first = name;
            }
        }
        return first;
    }

    /** The lowest few pids ({@link FoundNamespace#PIDS_SAMPLED}) of processes in the namespace of {@code inode}. */
    List<Integer> pidsIn(long inode) {
        FoundNamespace namespace = new FoundNamespace(inode);
        for (ProcessLinkScanner.ProcessLink link : scanner.scan(procRoot, NET_LINK, null).processLinks()) {
            if (NsfsName.networkInode(link.target()) == inode) {
                namespace.addPid(link.pid());
            }
        }
        return namespace.pidsSample();
    }

    private static FoundNamespace found(Map<Long, FoundNamespace> found, long inode) {
        return found.computeIfAbsent(inode, FoundNamespace::new);
    }

    private static long inodeOrNone(Path nsfsFile) {
        try {
            return inodeOf(nsfsFile);
        } catch (IOException | RuntimeException e) {
            return NsfsName.NONE;
        }
    }

    /** The nsfs mounts of network namespaces in this process's mount table; none, with a warning, when unreadable. */
    private List<NetworkMount> networkMounts() {
        Path table = procRoot.resolve("self").resolve("mountinfo");
        try {
            return NetworkMount.of(MountInfo.read(table, NetworkMount.NSFS));
        } catch (NoSuchFileException e) {
            return List.of(); // a process tree without one (a copy for tests): nothing mounted
        } catch (IOException | SecurityException e) {
            warnings.warn("cannot read " + table + ": " + e.getMessage());
            return List.of();
        }
    }

    /** The files of the named-namespace directory; none when it does not exist (no namespace was ever named). */
    private List<Path> namedFiles() {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(runDirectory)) {
            for (Path entry : entries) {
                files.add(entry);
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException | DirectoryIteratorException | SecurityException e) {
            warnings.warn("cannot list " + runDirectory + ": " + e.getMessage());
        }
        return files;
    }

    /** The namespace a named file refers to; NONE, with a warning, when the name is no network namespace. */
    private long namedInode(NamespaceFiles files, Path file, LongPredicate knownNetwork) {
        try {
            long inode = files.networkInode(file, knownNetwork, NamespaceFiles.WhenUnsure.NETWORK);
            if (inode == NamespaceFiles.NONE && Files.exists(file)) {
                warnings.warn(file + " is not a network namespace");
            }
            return inode;
        } catch (AccessDeniedException e) {
            warnings.warn("cannot read " + file + ": permission denied");
            return NamespaceFiles.NONE;
        } catch (IOException | SecurityException e) {
            return NamespaceFiles.NONE; // gone meanwhile
        }
    }

    /** The namespace a descriptor holds open: from its {@code net:[N]} link, or, for a detached mount, by asking. */
    private long descriptorInode(NamespaceFiles files, ProcessLinkScanner.DescriptorLink descriptor,
                                 Map<Long, FoundNamespace> found) {
        long inode = NsfsName.networkInode(descriptor.target());
        if (inode != NsfsName.NONE || !descriptor.target().equals(NamespaceDescriptors.DETACHED_ROOT)) {
            return inode;
        }
        Path link = procRoot.resolve(Integer.toString(descriptor.pid())).resolve("fd")
                .resolve(Integer.toString(descriptor.fd()));
        try {
            return files.networkInode(link, found::containsKey, NamespaceFiles.WhenUnsure.NONE);
        } catch (IOException | SecurityException e) {
            return NamespaceFiles.NONE; // closed, exited or not ours: as the scan itself would skip it
        }
    }

    /** {@code <procRoot>/PID/task/TID} of the calling thread, or null when the tree has no {@code thread-self}. */
    private Path threadDirectory() {
        try {
            return procRoot.resolve(Files.readSymbolicLink(procRoot.resolve(THREAD_SELF)));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }
}
