package io.sockscope.source;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where the {@code /proc} files live, resolved from an environment the caller hands in, exactly as ss
 * resolves them: a file's own variable ({@code PROC_NET_TCP}, …) names it directly; otherwise it is
 * {@code $PROC_ROOT/<relative path>}, with {@code /proc} when {@code PROC_ROOT} is not set. A variable that
 * is set to the empty string counts as set, as it does for ss ({@code getenv} returns it).
 *
 * <p>The library never reads the process environment itself; the CLI passes {@code System.getenv()}.
 * Instances are immutable.
 */
public final class ProcPaths {
    static final String PROC_ROOT = "PROC_ROOT";
    private static final String DEFAULT_ROOT = "/proc";

    private final String root;
    private final boolean rootSet;
    private final Map<ProcNetFile, String> overrides = new EnumMap<>(ProcNetFile.class);
    private final boolean dccpSet;
    private final boolean sctpSet;
    private final boolean mptcpSet;

    /** Takes what it needs from {@code environment}; later changes to the map are not seen. */
    public ProcPaths(Map<String, String> environment) {
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
        return Path.of(override != null ? override : root + "/" + file.relativePath());
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
        return "ProcPaths[root=" + root + ", overrides=" + overrides + "]";
    }
}
