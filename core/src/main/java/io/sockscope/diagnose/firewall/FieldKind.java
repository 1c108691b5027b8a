package io.sockscope.diagnose.firewall;

/** How to read the right side of a match for a given left side. */
enum FieldKind {
    /** A port number: numbers, ranges. */
    PORT,
    /** An IP address: literals, prefixes, ranges. */
    ADDRESS,
    /** An interface name: strings, a trailing {@code *} matches any suffix. */
    INTERFACE,
    /** A transport protocol: {@code tcp}, {@code udp} or their numbers. */
    PROTOCOL,
    /** Any other symbolic value compared as text ({@code ct state}, {@code nfproto}, {@code fib type}, …). */
    SYMBOL
}
