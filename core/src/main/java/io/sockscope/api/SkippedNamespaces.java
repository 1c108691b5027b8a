package io.sockscope.api;

import java.util.List;

/**
 * What a query across network namespaces ({@link SocketQuery.Builder#allNamespaces()}) found on the host and could
 * not list: {@link SocketInspector#skippedNamespaces()} tells it after each query. Without privilege a listing
 * across namespaces is partial, and says so here rather than failing: the namespaces it reached are worth having.
 * Made by the library only; two are {@linkplain Object#equals equal} when every accessor answers alike. Accessors
 * may be added in a later version (docs/library.md, Compatibility).
 */
public sealed interface SkippedNamespaces permits SkippedNamespacesRecord {
    /**
     * {@return the namespaces that were found and could not be entered, in the order the listing would have
     * given them; never null, unmodifiable} Entering another network namespace needs {@code CAP_SYS_ADMIN}: for a
     * caller without it, every namespace but its own is here. Their sockets are not in the listing. A namespace
     * that disappeared while the listing ran is not here: it is gone, not skipped.
     */
    List<NetworkNamespace> notEntered();

    /**
     * {@return how many processes' network namespaces could not be read for lack of permission} A caller that is
     * not root reads only its own user's processes: a namespace that only other users' processes are in, or hold
     * open, is not found at all, and so in no list. 0 for root.
     */
    int unreadableProcesses();

    /** {@return whether nothing is known to be missing: no namespace was left out and every process was read} */
    boolean isEmpty();
}
