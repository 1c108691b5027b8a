package io.sockscope.attribution;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of {@code /proc/PID/cgroup} that carry a workload's cgroup path, best first. Each line is
 * {@code HIERARCHY-ID:CONTROLLERS:PATH}: cgroup v2's is {@code 0::PATH}, the only line on a unified host and one
 * among the v1 lines on a hybrid one; on a host with cgroup v1 alone, the {@code name=systemd} hierarchy (the
 * systemd layout: slices, services, scopes) and the {@code pids} and {@code memory} controllers' hierarchies
 * (where runtimes with the cgroupfs driver create their {@code /docker/ID} and {@code /kubepods/…} directories
 * too) carry the same layouts. Other controllers add nothing these do not.
 */
final class ProcCgroupFile {
    /** The kernel marks a cgroup removed while the process is still in it so. */
    private static final String DELETED = " (deleted)";
    private static final List<String> V1_HIERARCHIES = List.of("name=systemd", "pids", "memory");

    private ProcCgroupFile() {
    }

    /** The v2 line's path, then the v1 hierarchies' above in that order; lines that do not parse are skipped. */
    static List<String> candidatePaths(String text) {
        String unified = null;
        String[] v1 = new String[V1_HIERARCHIES.size()];
        for (String line : text.split("\n")) {
            int first = line.indexOf(':');
            int second = first < 0 ? -1 : line.indexOf(':', first + 1);
            if (second < 0) {
                continue;
            }
            String hierarchy = line.substring(0, first);
            String controllers = line.substring(first + 1, second);
            String path = line.substring(second + 1);
            if (path.endsWith(DELETED)) {
                path = path.substring(0, path.length() - DELETED.length());
            }
            if (hierarchy.equals("0") && controllers.isEmpty()) {
                unified = path;
                continue;
            }
            for (String controller : controllers.split(",")) {
                int at = V1_HIERARCHIES.indexOf(controller);
                if (at >= 0 && v1[at] == null) {
                    v1[at] = path;
                }
            }
        }
        List<String> paths = new ArrayList<>();
        if (unified != null) {
            paths.add(unified);
        }
        for (String path : v1) {
            if (path != null) {
                paths.add(path);
            }
        }
        return paths;
    }
}
