package io.sockscope.diagnose;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code UNIX_SOCKET_PERMISSION}: connect(2) to a path socket needs search (x) permission on every directory
 * of the path and write permission on the socket file. Judged from the modes, owners and the user's groups
 * (ACLs and security modules are not read); root passes.
 */
final class UnixPermissionCheck {
    private static final int SEARCH = 1;
    private static final int WRITE = 2;

    private UnixPermissionCheck() {
    }

    static List<Finding> run(UnixTarget target, Snapshot snapshot, List<io.sockscope.model.Owner> owners) {
        Account user = snapshot.account();
        if (target.isAbstract() || user == null || snapshot.path().isEmpty()) {
            return List.of();
        }
        List<PathStep> steps = snapshot.path();
        List<String> denied = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            PathStep step = steps.get(i);
            FileFacts f = step.facts();
            if (f == null) {
                if (step.problem() != null) {
                    evidence.add(new Evidence.Fact(PermissionText.lsLine(step)));
                }
                break;
            }
            boolean isLast = i == steps.size() - 1 && f.type() != FileFacts.Type.DIRECTORY;
            int need = isLast ? WRITE : SEARCH;
            evidence.add(new Evidence.Fact(PermissionText.lsLine(step)));
            if (user.isRoot() || allowed(user, f, need)) {
                continue;
            }
            denied.add(step.path() + (isLast ? " is not writable" : " is not searchable") + " by " + user.name());
            fixes.add(fix(user, step, need));
        }
        if (denied.isEmpty()) {
            return List.of();
        }
        evidence.add(new Evidence.Fact("user " + user.name() + ": uid " + user.uid() + ", groups "
                + user.groups().stream().sorted().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("")));
        String daemon = FixText.daemonSettings(owners, DaemonAdvice.Daemon::unixPerms, 0);
        return List.of(new Finding(FindingCode.UNIX_SOCKET_PERMISSION, Severity.ERROR,
                user.name() + " cannot connect to " + target.path() + ": " + String.join("; ", denied),
                evidence,
                String.join(" ", fixes) + daemon));
    }

    /** The permission class that applies (owner, group, other) and whether it has the bit. */
    static boolean allowed(Account user, FileFacts f, int need) {
        int bits;
        if (user.uid() == f.uid()) {
            bits = f.mode() >> 6;
        } else if (user.groups().contains(f.gid())) {
            bits = f.mode() >> 3;
        } else {
            bits = f.mode();
        }
        return (bits & need) != 0;
    }

    private static String fix(Account user, PathStep step, int need) {
        FileFacts f = step.facts();
        String bit = need == SEARCH ? "x" : "w";
        boolean groupHasIt = ((f.mode() >> 3) & need) != 0;
        // Joining root's group would hand out far more than this socket: suggest a group of its own instead.
        if (groupHasIt && user.uid() != f.uid() && f.gid() != 0) {
            return "Add " + user.name() + " to group " + step.groupName() + " (usermod -aG " + step.groupName() + " "
                    + user.name() + ", then log in again), or allow others: chmod o+" + bit + " " + step.path() + ".";
        }
        return "Allow " + user.name() + " in: chmod o+" + bit + " " + step.path() + ", or give it a group of its own"
                + " with that permission (chgrp GROUP " + step.path() + "; chmod g+" + bit + " " + step.path()
                + ") and add " + user.name() + " to that group.";
    }
}
