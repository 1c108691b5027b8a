package io.sockscope.procmap;

import io.sockscope.source.WarningSink;

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
 * An instance is immutable and may be used from several threads.
 */
public final class OwnerScanner {
    /** Threads beyond this number only contend for the same kernel locks. */
    private static final int MAX_DEFAULT_PARALLELISM = 4;

    private final WarningSink warnings;
    private final int parallelism;
    private final boolean nativeCalls;
    private final long excludedPid;

    private OwnerScanner(WarningSink warnings, int parallelism, boolean nativeCalls, long excludedPid) {
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive: " + parallelism);
        }
        this.parallelism = parallelism;
        this.nativeCalls = nativeCalls;
        this.excludedPid = excludedPid;
    }

    /** A scanner that drops warnings. */
    public static OwnerScanner create() {
        return create(WarningSink.IGNORE);
    }

    /** A scanner using every processor (up to four) and native calls when they are available. */
    public static OwnerScanner create(WarningSink warnings) {
        int processors = Runtime.getRuntime().availableProcessors();
        return new OwnerScanner(warnings, Math.min(processors, MAX_DEFAULT_PARALLELISM), nativeCallsAvailable(),
                -1);
    }

    /** A scanner with explicit settings, for measuring one way of scanning against another. */
    static OwnerScanner create(WarningSink warnings, int parallelism, boolean nativeCalls) {
        return new OwnerScanner(warnings, parallelism, nativeCalls && nativeCallsAvailable(), -1);
    }

    /**
     * This scanner, but passing over the root entry named {@code pid} (and its threads). A program that
     * prints what ss prints excludes itself: ss reads /proc before opening any socket of its own, so it
     * never shows itself as an owner, whereas this scan may run while its caller holds netlink sockets.
     */
    public OwnerScanner excludingProcess(long pid) {
        return new OwnerScanner(warnings, parallelism, nativeCalls, pid);
    }

    /** Whether the native system calls can be used: native access granted and the C library complete. */
    static boolean nativeCallsAvailable() {
        // Asking first keeps the JDK from printing its restricted-method warning when access was not granted.
        if (!OwnerScanner.class.getModule().isNativeAccessEnabled()) {
            return false;
        }
        try {
            Libc.link();
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
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        OwnerIndex index;
        try (ProcTree tree = nativeCalls ? new NativeProcTree(procRoot, problems)
                : new NioProcTree(procRoot, problems)) {
            index = new ParallelScan(tree, request, parallelism).run();
        }
        problems.stream().distinct().forEach(problem -> warnings.warn("process scan: " + problem));
        return index;
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
