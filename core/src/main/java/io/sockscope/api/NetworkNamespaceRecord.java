package io.sockscope.api;

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

    // The command's Netns column (model.Netns.label) says the same: a namespace reads alike in both.
    @Override
    public String label() {
        if (name != null) {
            return name;
        }
        if (!pidsSample.isEmpty()) {
            return "pid:" + pidsSample.getFirst();
        }
        return "inode:" + inode;
    }
}
