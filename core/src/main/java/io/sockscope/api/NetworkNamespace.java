package io.sockscope.api;

import java.util.List;

/**
 * A network namespace, as a listing across namespaces names it: the one its sockets were read in. Made by the
 * library only; two namespaces are {@linkplain Object#equals equal} when every accessor answers alike. Accessors
 * may be added in a later version (docs/library.md, Compatibility).
 */
public sealed interface NetworkNamespace permits NetworkNamespaceRecord {
    /**
     * {@return the namespace's inode number} That is what {@code /proc/PID/ns/net} links to ({@code net:[INODE]}):
     * unique on the host while the namespace lives.
     */
    long inode();

    /** {@return the name {@code ip netns} gave it (its file under {@code /run/netns}), or null when it has none} */
    String name();

    /**
     * {@return a few ids of processes whose network namespace it is, the lowest ones, ascending} Empty when none
     * is (a namespace kept alive by a bind mount or an open descriptor alone); never null, unmodifiable.
     */
    List<Integer> pidsSample();

    /**
     * {@return what the command's {@code Netns} column shows for it} The {@link #name()}, else {@code pid:N} for
     * the first of {@link #pidsSample()}, else {@code inode:N}; never null.
     */
    String label();
}
