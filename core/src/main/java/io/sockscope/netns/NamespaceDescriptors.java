package io.sockscope.netns;

import io.sockscope.procmap.ProcessLinkScanner;

/**
 * Which descriptor links may be a network namespace held open, told by their first bytes: {@code net:[N]}, what a
 * descriptor opened through {@code /proc/PID/ns/net} reads; and {@code /} alone, what a descriptor opened through
 * a bind mount reads once the mount is gone ({@code ip netns delete} while a process holds the file open), as
 * does the root of a detached mount of any kind and a descriptor of the real root directory, which the caller
 * tells apart with a stat. A descriptor opened through a bind mount that still exists reads as the mount point,
 * and its namespace is found through the mount.
 */
final class NamespaceDescriptors implements ProcessLinkScanner.TargetFilter {
    static final NamespaceDescriptors INSTANCE = new NamespaceDescriptors();

    /** What a descriptor of a detached mount's root reads. */
    static final String DETACHED_ROOT = "/";

    private NamespaceDescriptors() {
    }

    @Override
    public boolean keeps(byte[] target, int length) {
        return NsfsName.startsAsNetwork(target, length) || (length == 1 && target[0] == '/');
    }
}
