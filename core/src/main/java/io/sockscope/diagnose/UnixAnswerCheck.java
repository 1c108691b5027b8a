package io.sockscope.diagnose;

import io.sockscope.model.UnixSocket;

import java.util.ArrayList;
import java.util.List;

/**
 * The doctor's last word on a unix target: it may say OK only when it saw a listener bound to the socket or
 * connected to one. When it did neither and no other finding says why, this says what stopped it — a path it
 * could not examine ({@code UNIX_PATH_UNRESOLVABLE}) or a connect that failed in a way no check explains
 * ({@code UNIX_SOCKET_NOT_LISTENING}) — so that nothing it could not see passes for a working socket.
 */
final class UnixAnswerCheck {
    private UnixAnswerCheck() {
    }

    /** Whether the doctor saw something answer: a listener bound to the socket, or a connect that succeeded. */
    static boolean answered(List<UnixSocket> bound, Snapshot snapshot) {
        UnixConnectProbe.Result probe = snapshot.connectProbe();
        return !bound.isEmpty() || probe == UnixConnectProbe.Result.CONNECTED
                || probe == UnixConnectProbe.Result.WRONG_TYPE;
    }

    static List<Finding> run(UnixTarget target, Snapshot snapshot, List<UnixSocket> bound, List<Finding> found) {
        if (answered(bound, snapshot) || found.stream().anyMatch(f -> f.severity().isProblem())) {
            return List.of();
        }
        List<PathStep> steps = snapshot.path();
        PathStep last = steps.isEmpty() ? null : steps.getLast();
        if (last != null && last.problem() != null) {
            List<Evidence> evidence = new ArrayList<>();
            if (steps.size() >= 2) {
                evidence.add(new Evidence.Fact(PermissionText.lsLine(steps.get(steps.size() - 2))));
            }
            evidence.add(new Evidence.Fact(PermissionText.lsLine(last)));
            return List.of(new Finding(FindingCode.UNIX_PATH_UNRESOLVABLE, Severity.ERROR,
                    target.path() + " cannot be examined: " + last.problem(),
                    evidence,
                    "Check " + last.path() + ": stat(2) fails there, and a client's connect(2) resolves the same"
                            + " path (when the doctor lacks permission there, run it as root to look further)."));
        }
        UnixConnectProbe.Result probe = snapshot.connectProbe();
        String outcome = probe == null ? "not tried" : switch (probe) {
            case DENIED -> "EACCES or EPERM";
            case MISSING -> "ENOENT: the file went away meanwhile";
            case REFUSED -> "ECONNREFUSED";
            default -> "an error other than ECONNREFUSED";
        };
        List<Evidence> evidence = new ArrayList<>();
        if (last != null && last.facts() != null) {
            evidence.add(new Evidence.Fact(PermissionText.lsLine(last)));
        }
        evidence.add(new Evidence.Fact("no unix socket in this network namespace is bound to it"));
        evidence.add(new Evidence.Fact("connect(2) to it: " + outcome));
        return List.of(new Finding(FindingCode.UNIX_SOCKET_NOT_LISTENING, Severity.ERROR,
                "nothing was seen listening on " + target.path() + ": no socket in this network namespace is bound"
                        + " to it, and connect(2) to it failed",
                evidence,
                "Check that the service that owns " + target.path() + " runs, and whether a security module (SELinux,"
                        + " AppArmor) or another network namespace is in the way."));
    }
}
