package io.sockscope.api;

import java.util.List;

/**
 * The library's {@link SkippedNamespaces}; package-private so that its shape can grow (docs/library.md,
 * Compatibility).
 */
record SkippedNamespacesRecord(List<NetworkNamespace> notEntered, int unreadableProcesses)
        implements SkippedNamespaces {
    /** What a query that skipped nothing, or of one namespace, leaves. */
    static final SkippedNamespacesRecord NONE = new SkippedNamespacesRecord(List.of(), 0);

    SkippedNamespacesRecord {
        notEntered = List.copyOf(notEntered);
    }

    @Override
    public boolean isEmpty() {
        return notEntered.isEmpty() && unreadableProcesses == 0;
    }
}
