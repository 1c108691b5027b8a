package io.sockscope.diagnose;

import io.sockscope.model.Owner;
import io.sockscope.model.ProcessLimits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code FD_LIMIT_NEAR}: a listener's owner has nearly as many descriptors open as its RLIMIT_NOFILE allows;
 * at the limit accept() fails with EMFILE and connections pile up in the accept queue.
 */
final class FdLimitCheck {
    private FdLimitCheck() {
    }

    static List<Finding> run(List<Owner> owners, Snapshot snapshot, Thresholds thresholds) {
        Map<Integer, Owner> byPid = new LinkedHashMap<>();
        for (Owner o : owners) {
            byPid.putIfAbsent(o.pid(), o);
        }
        List<Finding> out = new ArrayList<>();
        for (Owner o : byPid.values()) {
            ProcessLimits l = snapshot.limits().get(o.pid());
            if (l == null || l.softLimit() < 0) {
                continue;
            }
            double used = (double) l.openDescriptors() / l.softLimit();
            if (used < thresholds.fdLimitFraction()) {
                continue;
            }
            boolean atLimit = l.openDescriptors() >= l.softLimit();
            String who = OwnerText.of(List.of(o));
            String hard = l.hardLimit() < 0 ? "unlimited" : Long.toString(l.hardLimit());
            out.add(new Finding(FindingCode.FD_LIMIT_NEAR, atLimit ? Severity.ERROR : Severity.WARNING,
                    who + " has " + l.openDescriptors() + " of its " + l.softLimit() + " file descriptors open"
                            + (atLimit ? ": accept() fails with EMFILE" : ": new connections will soon fail"),
                    List.of(new Evidence.Fact(who + ": " + l.openDescriptors() + " open descriptors (/proc/" + o.pid()
                            + "/fd), RLIMIT_NOFILE soft " + l.softLimit() + ", hard " + hard + " (/proc/" + o.pid()
                            + "/limits), " + Math.round(used * 100) + "% used")),
                    "Raise the limit of " + who + " (systemd: LimitNOFILE= in its unit; shell: ulimit -n; running:"
                            + " prlimit --pid " + o.pid() + " --nofile=65536:65536); if the count keeps growing, it"
                            + " leaks descriptors."));
        }
        return out;
    }
}
