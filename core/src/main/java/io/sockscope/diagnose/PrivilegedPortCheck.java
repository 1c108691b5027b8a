package io.sockscope.diagnose;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code PRIVILEGED_PORT}: binding a port below {@code net.ipv4.ip_unprivileged_port_start} (1024 unless
 * changed) needs root or CAP_NET_BIND_SERVICE.
 */
final class PrivilegedPortCheck {
    private static final int DEFAULT_START = 1024;

    private PrivilegedPortCheck() {
    }

    static int unprivilegedStart(Snapshot snapshot) {
        return snapshot.sysctl("net.ipv4.ip_unprivileged_port_start").map(v -> {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                return DEFAULT_START;
            }
        }).orElse(DEFAULT_START);
    }

    static List<Finding> run(BindQuery query, Snapshot snapshot) {
        int start = unprivilegedStart(snapshot);
        Account user = snapshot.account();
        if (query.port() >= start || user == null || user.isRoot() || user.netBindService()) {
            return List.of();
        }
        List<Evidence> evidence = new ArrayList<>();
        boolean readable = snapshot.sysctl("net.ipv4.ip_unprivileged_port_start").isPresent();
        evidence.add(new Evidence.Fact("net.ipv4.ip_unprivileged_port_start = " + start
                + (readable ? "" : " (not readable; the default)")));
        if (query.user() == null) {
            evidence.add(new Evidence.Fact("this process runs as " + user.name() + " (uid " + user.uid()
                    + ") without CAP_NET_BIND_SERVICE"));
        } else {
            evidence.add(new Evidence.Fact(user.name() + " is uid " + user.uid() + "; a program of theirs can bind it"
                    + " only with CAP_NET_BIND_SERVICE (which the doctor cannot see in advance)"));
        }
        return List.of(new Finding(FindingCode.PRIVILEGED_PORT, Severity.ERROR,
                user.name() + " cannot bind port " + query.port() + ": ports below " + start
                        + " need root or CAP_NET_BIND_SERVICE",
                evidence,
                "Give the program CAP_NET_BIND_SERVICE (systemd: AmbientCapabilities=CAP_NET_BIND_SERVICE; a binary:"
                        + " setcap cap_net_bind_service=+ep /path/to/program), use a port of " + start
                        + " or above, or lower net.ipv4.ip_unprivileged_port_start."));
    }
}
