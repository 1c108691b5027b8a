package io.sockscope.cli;

import io.sockscope.diagnose.BindQuery;
import io.sockscope.diagnose.ReachQuery;

/**
 * A parsed {@code sockscope doctor} command line: exactly one of the two queries, or a request for help.
 *
 * @param reach     the reachability question, or null
 * @param bind      the bind question, or null
 * @param json      {@code --json}
 * @param help      {@code --help}
 * @param namespace the {@code -N} network namespace to examine, or null for the doctor's own
 */
record DoctorOptions(ReachQuery reach, BindQuery bind, boolean json, boolean help, String namespace) {
    /** {@code --help}: nothing else matters. */
    static DoctorOptions helpOnly() {
        return new DoctorOptions(null, null, false, true, null);
    }
}
