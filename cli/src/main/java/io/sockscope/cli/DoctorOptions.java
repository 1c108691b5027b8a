package io.sockscope.cli;

import io.sockscope.diagnose.AuditQuery;
import io.sockscope.diagnose.BindQuery;
import io.sockscope.diagnose.ReachQuery;

/**
 * A parsed {@code sockscope doctor} command line: exactly one of the three queries, or a request for help.
 *
 * @param reach     the reachability question, or null
 * @param bind      the bind question, or null
 * @param audit     the question for every listener ({@code --all}), or null
 * @param json      {@code --json}
 * @param help      {@code --help}
 * @param namespace the {@code -N} network namespace to examine, or null for the doctor's own
 */
record DoctorOptions(ReachQuery reach, BindQuery bind, AuditQuery audit, boolean json, boolean help,
                     String namespace) {
    /** {@code --help}: nothing else matters. */
    static DoctorOptions helpOnly() {
        return new DoctorOptions(null, null, null, false, true, null);
    }
}
