package io.sockscope.diagnose;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code OWNER_HIDDEN}: a socket that matters has no owner the doctor can see, and why: not root (other users'
 * descriptors are unreadable), or the owner lives in another PID namespace (a container), or it is the kernel.
 */
final class OwnerVisibilityCheck {
    private OwnerVisibilityCheck() {
    }

    static List<Finding> run(List<SocketSighting> sockets, Snapshot snapshot) {
        List<SocketSighting> hidden = new ArrayList<>();
        for (SocketSighting s : sockets) {
            if (s.owners().isEmpty() && s.socket().inode() != 0) {
                hidden.add(s);
            }
        }
        if (hidden.isEmpty()) {
            return List.of();
        }
        String why;
        String fix;
        if (snapshot.ownerLimitation() != null) {
            why = snapshot.ownerLimitation();
            fix = "Run the doctor as root (sudo) to see every owner.";
        } else {
            why = "no process visible here holds it: its owner runs in another PID namespace (a container),"
                    + " passed the socket on and exited, or it is the kernel's own";
            fix = "Look for the owner where it runs (docker ps, nsenter -t PID -n ss -ltnp, or the host's PID"
                    + " namespace).";
        }
        return List.of(new Finding(FindingCode.OWNER_HIDDEN, Severity.INFO,
                "the owner of " + hidden.size() + (hidden.size() == 1 ? " socket" : " sockets") + " could not be seen: "
                        + why,
                List.of(new Evidence.Sockets(hidden)),
                fix));
    }
}
