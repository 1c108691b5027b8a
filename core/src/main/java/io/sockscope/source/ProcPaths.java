package io.sockscope.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where the {@code /proc} files live, resolved from an environment the caller hands in, exactly as ss
 * resolves them: a file's own variable ({@code PROC_NET_TCP}, …) names it directly; otherwise it is
 * {@code $PROC_ROOT/<relative path>}, with {@code /proc} when {@code PROC_ROOT} is not set. A variable that
 * is set to the empty string counts as set, as it does for ss ({@code getenv} returns it).
 *
 * <p>A path into {@code /proc/net} (or {@code /proc/self/net}) means the network namespace of the reader, as it
 * does for ss. {@code /proc/self} is the process's first thread, though, and a Java thread may have entered
 * another network namespace on its own (see {@code NetworkNamespace}): paths built on such a thread point
 * into that thread's {@code /proc/<pid>/task/<tid>/net} instead, which reads right from any thread for as
 * long as it lives.
 *
 * <p>The library never reads the process environment itself; the CLI passes {@code System.getenv()}.
 * Instances are immutable.
 */
public final class ProcPaths {
    static final String PROC_ROOT = "PROC_ROOT";
    private static final String DEFAULT_ROOT = "/proc";
    /** Paths that mean "the reader's network namespace" to ss, a process with a single thread. */
    private static final String[] OWN_NET_DIRECTORIES = {"/proc/net", "/proc/self/net"};

    private final String root;
    private final boolean rootSet;
    private final Map<ProcNetFile, String> overrides = new EnumMap<>(ProcNetFile.class);
    private final boolean dccpSet;
    private final boolean sctpSet;
    private final boolean mptcpSet;
    private final String threadNetDirectory;

    /** Takes what it needs from {@code environment}; later changes to the map are not seen. */
    public ProcPaths(Map<String, String> environment) {
        this(environment, threadNetDirectory());
    }

    /** Paths as built on a thread whose own {@code net} directory is {@code threadNetDirectory} (or null). */
    ProcPaths(Map<String, String> environment, String threadNetDirectory) {
        this.threadNetDirectory = threadNetDirectory;
        String rootValue = environment.get(PROC_ROOT);
        this.rootSet = rootValue != null;
        this.root = rootSet ? rootValue : DEFAULT_ROOT;
        for (ProcNetFile file : ProcNetFile.values()) {
            String value = environment.get(file.environmentVariable());
            if (value != null) {
                overrides.put(file, value);
            }
        }
        // ss consults these three only to decide against netlink; it has no reader for their files.
        this.dccpSet = environment.get("PROC_NET_DCCP") != null;
        this.sctpSet = environment.get("PROC_NET_SCTP") != null;
        this.mptcpSet = environment.get("PROC_NET_MPTCP") != null;
    }

    /** These paths as built on the calling thread: into its own network namespace's {@code net} directory. */
    public ProcPaths onCallingThread() {
        return new ProcPaths(this, threadNetDirectory());
    }

    private ProcPaths(ProcPaths other, String threadNetDirectory) {
        this.threadNetDirectory = threadNetDirectory;
        this.root = other.root;
        this.rootSet = other.rootSet;
        this.overrides.putAll(other.overrides);
        this.dccpSet = other.dccpSet;
        this.sctpSet = other.sctpSet;
        this.mptcpSet = other.mptcpSet;
    }

    /** Paths for an unset environment: everything under {@code /proc}. */
    public static ProcPaths system() {
        return new ProcPaths(Map.of());
    }

    /**
     * The path ss would open for {@code file}. An empty override yields the empty path, which opens as
     * "No such file or directory" (as {@code fopen("")} does).
     */
    public Path resolve(ProcNetFile file) {
        String override = overrides.get(file);
        return ownNamespace(override != null ? override : root + "/" + file.relativePath());
    }

    /**
     * A file under the proc root that ss has no variable for ({@code net/netstat} for the doctor), read from the
     * calling thread's network namespace as {@link #resolve} reads the others.
     */
    public Path underRoot(String relativePath) {
        return ownNamespace(root + "/" + relativePath);
    }

    private Path ownNamespace(String path) {
        if (threadNetDirectory != null) {
            for (String own : OWN_NET_DIRECTORIES) {
                if (path.startsWith(own + "/")) {
                    return Path.of(threadNetDirectory + path.substring(own.length()));
                }
            }
        }
        return Path.of(path);
    }

    /**
     * {@code /proc/<pid>/task/<tid>/net} of the calling thread when it is in another network namespace than
     * the process's first thread; null when it is not (or /proc cannot tell).
     */
    static String threadNetDirectory() {
        try {
            Path threadNamespace = Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net"));
            Path processNamespace = Files.readSymbolicLink(Path.of("/proc/self/ns/net"));
            if (threadNamespace.equals(processNamespace)) {
                return null;
            }
            // "/proc/thread-self" links to "<pid>/task/<tid>".
            return "/proc/" + Files.readSymbolicLink(Path.of("/proc/thread-self")) + "/net";
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The proc root for per-process scans ({@code /proc/<pid>/fd}, {@code /proc/<pid>/stat}). ss joins it as
     * {@code "%s/%d"}, so an empty {@code PROC_ROOT} means {@code /}.
     */
    public Path procRoot() {
        return Path.of(root.isEmpty() ? "/" : root);
    }

    /**
     * Whether ss would read this kind from {@code /proc} instead of asking netlink: when {@code PROC_ROOT}
     * or the kind's own variable is set. For DCCP, SCTP and MPTCP ss then lists nothing at all (it has no
     * {@code /proc} reader for them), which is what {@link ProcNetSource} delivers for those kinds.
     */
    public boolean forcesProc(DumpKind kind) {
        if (rootSet) {
            return true;
        }
        return switch (kind) {
            case TCP -> overrides.containsKey(ProcNetFile.TCP);
            case UDP -> overrides.containsKey(ProcNetFile.UDP);
            case RAW -> overrides.containsKey(ProcNetFile.RAW);
            case UNIX -> overrides.containsKey(ProcNetFile.UNIX);
            case PACKET -> overrides.containsKey(ProcNetFile.PACKET);
            case NETLINK -> overrides.containsKey(ProcNetFile.NETLINK);
            case DCCP -> dccpSet;
            case SCTP -> sctpSet;
            case MPTCP -> mptcpSet;
        };
    }

    @Override
    public String toString() {
        return "ProcPaths[root=" + root + ", overrides=" + overrides
                + (threadNetDirectory != null ? ", net=" + threadNetDirectory : "") + "]";
    }
}
