package io.sockscope.api;

/**
 * The container a socket's owner runs in, as far as its cgroup path tells. Made by the library only; two
 * containers are {@linkplain Object#equals equal} when every accessor answers alike. Accessors may be added in a
 * later version (docs/library.md, Compatibility).
 */
public sealed interface Container permits ContainerRecord {
    /** {@return the runtime that made it: {@code docker}, {@code containerd}, {@code cri-o} or {@code podman}} */
    String runtime();

    /** {@return its id as the runtime writes it (64 hexadecimal digits for all four); never null} */
    String id();

    /** {@return its name, from the runtime's own files, or null when those files are not there to read} */
    String name();
}
