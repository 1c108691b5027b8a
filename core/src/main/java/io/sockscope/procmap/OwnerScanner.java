package io.sockscope.procmap;

import io.sockscope.kernel.NativeLayer;
import io.sockscope.model.WarningSink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongPredicate;

/**
 * Finds which processes hold which sockets by reading a {@code /proc} tree, the way ss 6.1 does for
 * {@code -p} and {@code -T}: every numeric entry of the root is a process whose {@code fd/} links naming
 * {@code socket:[INODE]} are its sockets, and with threads every other task listed in its {@code task/}
 * directory is read from {@code <root>/<tid>/fd/} as well. The command name comes from the task's
 * {@code stat}. Processes that vanish, and files that are not ours to read, are skipped without a word,
 * as ss skips them; anything stranger (the root missing, running out of descriptors) goes to the warning
 * sink, on the thread that called {@code scan}, after the scan.
 *
 * <p>The scan uses the native system calls when this module may call native code (otherwise
 * {@code java.nio}, which is slower) and runs on several threads; the result does not depend on either.
 * Where it gives the same answer and pays (see {@link Method}), the kernel itself walks every descriptor
 * table in one pass instead ({@link TaskFileScan}, a BPF task-file iterator); when that is refused, the
 * {@code /proc} scan runs as before, without a word. An instance is immutable and may be used from several
 * threads.
 */
public final class OwnerScanner {
    /** Threads beyond this number only contend for the same kernel locks. */
    private static final int MAX_DEFAULT_PARALLELISM = 4;

    /**
     * Below this many open files on the host (the first field of {@code /proc/sys/fs/file-nr}) a fresh JVM
     * scans {@code /proc}: reading the kernel's types for the iterator costs it ~40 ms once, which the
     * {@code /proc} scan's 2–4 µs per descriptor on two threads only exceeds past ~15,000 descriptors.
     */
    static final long KERNEL_ITERATOR_MIN_FILES = 10_000;

    /** How a scan finds the owners. */
    public enum Method {
        /** The kernel iterator on a host with many open files where it applies, else {@code /proc}. */
        AUTOMATIC,
        /** Always {@code /proc}. */
        PROC,
        /** The kernel iterator wherever it applies, else {@code /proc}. */
        KERNEL_ITERATOR
    }

    private final WarningSink warnings;
    private final int parallelism;
    private final boolean nativeCalls;
    private final long excludedPid;
    private final Method method;

    private OwnerScanner(WarningSink warnings, int parallelism, boolean nativeCalls, long excludedPid,
                         Method method) {
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive: " + parallelism);
        }
        this.parallelism = parallelism;
        this.nativeCalls = nativeCalls;
        this.excludedPid = excludedPid;
        this.method = Objects.requireNonNull(method, "method");
    }

    /** A scanner that drops warnings. */
    public static OwnerScanner create() {
        return create(WarningSink.IGNORE);
    }

    /** A scanner using every processor (up to four) and native calls when they are available. */
    public static OwnerScanner create(WarningSink warnings) {
        int processors = Runtime.getRuntime().availableProcessors();
        return new OwnerScanner(warnings, Math.min(processors, MAX_DEFAULT_PARALLELISM), nativeCallsAvailable(),
                -1, Method.AUTOMATIC);
    }

    /** A scanner with explicit settings, for measuring one way of scanning against another. */
    static OwnerScanner create(WarningSink warnings, int parallelism, boolean nativeCalls) {
        return new OwnerScanner(warnings, parallelism, nativeCalls && nativeCallsAvailable(), -1, Method.PROC);
    }

    /** This scanner, finding owners by {@code method}. */
    public OwnerScanner using(Method method) {
        return new OwnerScanner(warnings, parallelism, nativeCalls, excludedPid, method);
    }

    /**
     * This scanner, but passing over the root entry named {@code pid} (and its threads). A program that
     * prints what ss prints excludes itself: ss reads /proc before opening any socket of its own, so it
     * never shows itself as an owner, whereas this scan may run while its caller holds netlink sockets.
     */
    public OwnerScanner excludingProcess(long pid) {
        return new OwnerScanner(warnings, parallelism, nativeCalls, pid, method);
    }

    /** This scanner, giving its warnings to {@code warnings} instead. */
    public OwnerScanner warningTo(WarningSink warnings) {
        return new OwnerScanner(warnings, parallelism, nativeCalls, excludedPid, method);
    }

    /** Whether the native system calls can be used: native access granted and the calls of the scan linked. */
    static boolean nativeCallsAvailable() {
        // Asking first keeps the JDK from printing its restricted-method warning when access was not granted.
        if (!OwnerScanner.class.getModule().isNativeAccessEnabled()) {
            return false;
        }
        try {
            NativeLayer.syscalls().prepareProcScan();
            return true;
        } catch (LinkageError | IllegalCallerException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Whether scans by this instance use the native system calls. */
    boolean usesNativeCalls() {
        return nativeCalls;
    }

    /**
     * Scans {@code procRoot} for the owners of every socket.
     *
     * @param procRoot the process tree, normally {@code /proc} ({@code $PROC_ROOT} for ss)
     * @param threads  whether to also read every thread's descriptors, as {@code ss -T} does
     */
    public OwnerIndex scan(Path procRoot, boolean threads) {
        return scan(procRoot, threads, inode -> true);
    }

    /**
     * Scans {@code procRoot} keeping only sockets whose inode {@code wantedInodes} accepts. The owners of
     * those sockets, their order and command names are exactly those of a full scan; the scan saves the
     * bookkeeping (and the {@code stat} reads) for everything else, though it still reads every link.
     * {@code wantedInodes} is called from several threads at once.
     */
    public OwnerIndex scan(Path procRoot, boolean threads, LongPredicate wantedInodes) {
        Objects.requireNonNull(procRoot, "procRoot");
        Objects.requireNonNull(wantedInodes, "wantedInodes");
        ScanRequest request = new ScanRequest(threads, wantedInodes, excludedPid);
        if (wantsKernelIterator(procRoot, threads)) {
            OwnerIndex found = kernelIteratorScan(procRoot, request).index();
            if (found != null) {
                return found;
            }
        }
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        OwnerIndex index;
        try (ProcTree tree = nativeCalls ? new NativeProcTree(NativeLayer.syscalls(), procRoot, problems)
                : new NioProcTree(procRoot, problems)) {
            index = new ParallelScan(tree, request, parallelism).run();
        }
        problems.stream().distinct().forEach(problem -> warnings.warn("process scan: " + problem));
        return index;
    }

    /** The kernel iterator's scan, or why it did not apply: for the tests, which compare it with /proc's. */
    TaskFileScan.Outcome kernelIteratorScan(Path procRoot, ScanRequest request) {
        return new TaskFileScan(NativeLayer.syscalls()).scan(procRoot, request);
    }

    /**
     * Whether to try the kernel iterator first. It needs native calls, and is skipped for threads (which it
     * cannot list) and, unless asked for, on a host with few open files, where {@code /proc} is cheaper.
     */
    private boolean wantsKernelIterator(Path procRoot, boolean threads) {
        if (!nativeCalls || threads) {
            return false;
        }
        return switch (method) {
            case PROC -> false;
            case KERNEL_ITERATOR -> true;
            case AUTOMATIC -> openFiles(procRoot) >= KERNEL_ITERATOR_MIN_FILES && mayLoadBpf(procRoot);
        };
    }

    /** {@code CAP_SYS_ADMIN}, {@code CAP_PERFMON} and {@code CAP_BPF} (linux/capability.h). */
    private static final int CAP_SYS_ADMIN = 21;
    private static final int CAP_PERFMON = 38;
    private static final int CAP_BPF = 39;

    /**
     * Whether this process has the capabilities a tracing BPF program needs ({@code CAP_SYS_ADMIN}, or
     * {@code CAP_BPF} with {@code CAP_PERFMON}), from the {@code CapEff} line of {@code self/status}. Asking
     * spares a user without them the kernel's BTF read (~40 ms in a fresh JVM) before a certain refusal; when
     * the line cannot be read, the kernel is left to say.
     */
    static boolean mayLoadBpf(Path procRoot) {
        try {
            for (String line : Files.readAllLines(procRoot.resolve("self/status"))) {
                if (line.startsWith("CapEff:")) {
                    long effective = Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16);
                    return hasCapabilities(effective);
                }
            }
        } catch (IOException | SecurityException | NumberFormatException e) {
            // fall through: unknown
        }
        return true;
    }

    /** Whether an effective capability set allows loading the iterator's program. */
    static boolean hasCapabilities(long effective) {
        boolean sysAdmin = (effective >>> CAP_SYS_ADMIN & 1) != 0;
        boolean bpfAndPerfmon = (effective >>> CAP_BPF & 1) != 0 && (effective >>> CAP_PERFMON & 1) != 0;
        return sysAdmin || bpfAndPerfmon;
    }

    /**
     * The host's open files from {@code sys/fs/file-nr}, or 0 when it cannot be read. The file is read in one
     * call: a sysctl's numbers answer only a read from offset 0, so reading in pieces sees a single byte.
     */
    static long openFiles(Path procRoot) {
        byte[] text = new byte[128];
        try (InputStream in = Files.newInputStream(procRoot.resolve("sys/fs/file-nr"))) {
            int length = in.read(text);
            long value = length <= 0 ? ScanfNumbers.NO_NUMBER : ScanfNumbers.parseInt(text, 0, length);
            return value == ScanfNumbers.NO_NUMBER ? 0 : value;
        } catch (IOException | SecurityException e) {
            return 0;
        }
    }

    /**
     * Starts {@link #scan(Path, boolean)} on a thread of its own, so that it can overlap the socket dump;
     * warnings are then given on that thread.
     */
    public CompletableFuture<OwnerIndex> scanAsync(Path procRoot, boolean threads) {
        Objects.requireNonNull(procRoot, "procRoot");
        return CompletableFuture.supplyAsync(() -> scan(procRoot, threads),
                task -> Thread.ofPlatform().daemon().name("sockscope-procmap").start(task));
    }
}
