package io.sockscope.diagnose;

/** What clients try to reach: an IP port (on one or any local address) or a unix socket path. */
public sealed interface Target permits InetTarget, UnixTarget {
    /** How the doctor names the target in its verdict, e.g. {@code tcp port 8080}, {@code unix:/run/app.sock}. */
    String describe();
}
