package io.sockscope.diagnose;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * "Why can't clients reach this?"
 *
 * @param target the port or unix socket
 * @param from   the address the client connects from, or null for "a remote client"
 * @param user   for unix targets, the user whose permissions to judge, or null for the doctor's own user
 * @param examineFirewall whether to read and evaluate the firewall ruleset (IP targets). When it is not
 *                        examined, the verdict rests on the sockets alone and says so; when it is examined but
 *                        cannot be read, the verdict is {@link Diagnosis.Status#UNDECIDED}
 */
public record ReachQuery(Target target, InetAddress from, String user, boolean examineFirewall) {
    /** A query that examines the firewall. */
    public ReachQuery(Target target, InetAddress from, String user) {
        this(target, from, user, true);
    }

    public ReachQuery {
        Objects.requireNonNull(target, "target");
        if (from != null && target instanceof UnixTarget) {
            throw new IllegalArgumentException("--from applies to IP targets, not to unix sockets");
        }
        if (!examineFirewall && target instanceof UnixTarget) {
            throw new IllegalArgumentException("--no-firewall applies to IP targets, not to unix sockets");
        }
        if (user != null && target instanceof InetTarget) {
            throw new IllegalArgumentException("--user applies to unix sockets and to doctor bind");
        }
        if (from != null && target instanceof InetTarget t && t.address() != null
                && (from instanceof Inet4Address) != (t.address() instanceof Inet4Address)) {
            throw new IllegalArgumentException("--from " + ReadableAddress.of(from) + " and the target "
                    + ReadableAddress.of(t.address()) + " are of different address families");
        }
    }
}
