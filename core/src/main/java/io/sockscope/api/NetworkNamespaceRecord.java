package io.sockscope.api;

import io.sockscope.model.Netns;

import java.util.List;
import java.util.Objects;

/**
 * The library's {@link NetworkNamespace}; package-private so that its shape can grow (docs/library.md,
 * Compatibility).
 */
record NetworkNamespaceRecord(long inode, String name, List<Integer> pidsSample) implements NetworkNamespace {
    NetworkNamespaceRecord {
        pidsSample = List.copyOf(Objects.requireNonNull(pidsSample, "pidsSample"));
    }

    // The command's Netns column says the same: one rule (model.Netns.label) names a namespace in both.
    @Override
    public String label() {
        return new Netns(inode, name, pidsSample).label();
    }
}
