package io.sockscope.api;

/**
 * The Kubernetes pod a socket's owner runs in, as far as its cgroup path tells. Made by the library only; two
 * pods are {@linkplain Object#equals equal} when every accessor answers alike. Accessors may be added in a later
 * version (docs/library.md, Compatibility).
 */
public sealed interface Pod permits PodRecord {
    /** {@return its Kubernetes namespace, or null when the kubelet's files are not there to read} */
    String namespace();

    /** {@return its name, or null when the kubelet's files are not there to read} */
    String name();

    /** {@return its uid, from the cgroup path (with its dashes); never null} */
    String uid();
}
