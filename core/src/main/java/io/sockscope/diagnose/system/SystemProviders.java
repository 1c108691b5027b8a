package io.sockscope.diagnose.system;

import io.sockscope.diagnose.Providers;
import io.sockscope.model.WarningSink;
import io.sockscope.procmap.ProcLimits;
import io.sockscope.source.ProcPaths;

import java.nio.file.Path;
import java.util.Map;

/**
 * Providers over the live system: the network namespace and {@code /proc} of the calling thread, and — read only
 * when a diagnosis asks — every other network namespace of the host ({@link LiveNamespaces}).
 */
public final class SystemProviders {
    private SystemProviders() {
    }

    /**
     * @param environment the process environment ({@code PROC_ROOT}, {@code PROC_NET_*} as ss reads them, and
     *                    {@code PATH} to find nft)
     * @param warnings    where skipped data is reported
     */
    public static Providers create(Map<String, String> environment, WarningSink warnings) {
        ProcPaths paths = new ProcPaths(environment);
        Path proc = paths.procRoot();
        ProcessIdentity self = ProcessIdentity.read(Path.of("/proc"));
        return new Providers(
                new LiveSockets(paths, warnings),
                new ProcOwners(proc, warnings, self),
                new ProcSysctls(proc),
                new ProcLimits(proc),
                new NftRuleset(environment),
                new NetlinkInterfaces(),
                new ProcNetstatCounters(paths.underRoot("net/netstat")),
                new PosixFiles(),
                new PasswdAccounts(Path.of("/etc/passwd"), Path.of("/etc/group"), self),
                new JdkUnixConnect(),
                new LiveNamespaces(paths, warnings));
    }
}
