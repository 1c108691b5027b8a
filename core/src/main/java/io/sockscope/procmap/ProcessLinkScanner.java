package io.sockscope.procmap;

import io.sockscope.kernel.NativeLayer;
import io.sockscope.model.WarningSink;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Reads links of every process in a {@code /proc} tree other than its sockets: one link at a fixed place in each
 * process's directory ({@code ns/net}: the network namespace the process is in) and those of its descriptors
 * whose target a {@link TargetFilter} keeps (namespace files it holds open, say). It walks the tree as the owner
 * scan does, over the same native or {@code java.nio} tree, a work item per process and large descriptor tables
 * shared between threads, so a descriptor costs what it costs there: a readlink and a look at its target.
 *
 * <p>A process that exits mid-scan, or a descriptor closed meanwhile, is skipped without a word. A process whose
 * links are not ours to read (another user's, for a user who is not root) is skipped too, and counted
 * ({@link Result#refusedProcesses()}). Anything stranger, such as a missing root, goes to the warning sink on the
 * calling thread. An instance is immutable and may be used from several threads.
 */
public final class ProcessLinkScanner {
    /** Threads beyond this number only contend for the same kernel locks. */
    private static final int MAX_DEFAULT_PARALLELISM = 4;

    /** Keeps the descriptor links a caller wants, by their target; called from several threads at once. */
    @FunctionalInterface
    public interface TargetFilter {
        /**
         * Whether to keep a descriptor whose link reads {@code target[0, length)}; a target longer than
         * {@link #TARGET_BYTES} is cut there.
         */
        boolean keeps(byte[] target, int length);
    }

    /** How much of a link's target is read: more than any target a filter tells apart by its first bytes. */
    public static final int TARGET_BYTES = 256;

    /**
     * A process's link at the place the scan was given.
     *
     * @param pid    the process
     * @param target the link's target, one {@code char} per byte (ISO 8859-1), cut at {@link #TARGET_BYTES}
     */
    public record ProcessLink(int pid, String target) {
    }

    /**
     * A descriptor whose link the filter kept.
     *
     * @param pid    the process holding it
     * @param fd     its number, the name of the link in {@code <root>/<pid>/fd}
     * @param target the link's target, one {@code char} per byte (ISO 8859-1), cut at {@link #TARGET_BYTES}
     */
    public record DescriptorLink(int pid, int fd, String target) {
    }

    /**
     * What a scan read.
     *
     * @param processLinks     every process's link that could be read, in the order the root lists processes
     * @param descriptorLinks  the descriptors kept, by process in that order, then in the order the process's
     *                         {@code fd} directory lists them
     * @param refusedProcesses how many processes were skipped because their links are not ours to read
     */
    public record Result(List<ProcessLink> processLinks, List<DescriptorLink> descriptorLinks, int refusedProcesses) {
        public Result {
            processLinks = List.copyOf(processLinks);
            descriptorLinks = List.copyOf(descriptorLinks);
        }
    }

    private final WarningSink warnings;
    private final int parallelism;
    private final boolean nativeCalls;

    private ProcessLinkScanner(WarningSink warnings, int parallelism, boolean nativeCalls) {
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive: " + parallelism);
        }
        this.parallelism = parallelism;
        this.nativeCalls = nativeCalls;
    }

    /** A scanner using every processor (up to four) and native calls when they are available. */
    public static ProcessLinkScanner create(WarningSink warnings) {
        int processors = Runtime.getRuntime().availableProcessors();
        return new ProcessLinkScanner(warnings, Math.min(processors, MAX_DEFAULT_PARALLELISM),
                OwnerScanner.nativeCallsAvailable());
    }

    /** A scanner with explicit settings, for measuring one way of scanning against another. */
    public static ProcessLinkScanner create(WarningSink warnings, int parallelism, boolean nativeCalls) {
        return new ProcessLinkScanner(warnings, parallelism, nativeCalls && OwnerScanner.nativeCallsAvailable());
    }

    /** Whether scans by this instance use the native system calls. */
    public boolean usesNativeCalls() {
        return nativeCalls;
    }

    /**
     * Reads {@code <procRoot>/<pid>/<processLink>} of every process and, when {@code descriptors} is not null,
     * the descriptor links it keeps. A process whose own link cannot be read is passed over entirely: its
     * descriptors are not read either.
     *
     * @param processLink a path relative to a process's directory, such as {@code ns/net}
     * @param descriptors which descriptor links to keep, or null to read none
     */
    public Result scan(Path procRoot, String processLink, TargetFilter descriptors) {
        Objects.requireNonNull(procRoot, "procRoot");
        Objects.requireNonNull(processLink, "processLink");
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        Result result;
        try (ProcTree tree = nativeCalls ? new NativeProcTree(NativeLayer.syscalls(), procRoot, problems)
                : new NioProcTree(procRoot, problems)) {
            result = new LinkScanRun(processLink, descriptors).run(tree);
        }
        problems.stream().distinct().forEach(problem -> warnings.warn("process scan: " + problem));
        return result;
    }

    /** One scan: a {@link ProcessLinkTask} per listed process, put together in listing order. */
    private final class LinkScanRun implements ScanWorkers.Producer {
        private final String processLink;
        private final TargetFilter descriptors;
        private final WorkQueue queue = new WorkQueue();
        private final List<ProcessLinkTask> tasks = new ArrayList<>();

        LinkScanRun(String processLink, TargetFilter descriptors) {
            this.processLink = processLink;
            this.descriptors = descriptors;
        }

        Result run(ProcTree tree) {
            ScanWorkers.run(tree, queue, parallelism, this);
            List<ProcessLink> links = new ArrayList<>(tasks.size());
            List<DescriptorLink> kept = new ArrayList<>();
            int refused = 0;
            for (ProcessLinkTask task : tasks) {
                if (task.refused()) {
                    refused++;
                }
                if (task.processTarget() != null) {
                    links.add(new ProcessLink(task.pid(), task.processTarget()));
                }
                task.addKeptTo(kept);
            }
            return new Result(links, kept, refused);
        }

        @Override
        public void queueFirstItems(ProcSession session) {
            IntList pids = session.listProcesses();
            for (int i = 0; i < pids.size(); i++) {
                ProcessLinkTask task = new ProcessLinkTask(pids.get(i), processLink, descriptors);
                tasks.add(task);
                queue.pushBack(worker -> task.start(worker, queue));
            }
        }
    }
}
