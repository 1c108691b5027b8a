package io.sockscope.diagnose;

import java.util.Set;

/**
 * A user the doctor judges permissions for.
 *
 * @param name                the user name (or the uid in decimal when it has none)
 * @param uid                 user id
 * @param gid                 primary group id
 * @param groups              every group id the user is in, the primary one included
 * @param netBindService      whether the user's process holds CAP_NET_BIND_SERVICE (known only for the doctor's
 *                            own process; false for other users)
 */
public record Account(String name, int uid, int gid, Set<Integer> groups, boolean netBindService) {
    public Account {
        groups = Set.copyOf(groups);
    }

    /** Whether this is root, to whom file permissions and privileged ports do not apply. */
    public boolean isRoot() {
        return uid == 0;
    }
}
