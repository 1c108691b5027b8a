package io.sockscope.attribution;

/**
 * How the container runtimes name a container's cgroup (one path component), under both cgroup drivers:
 * {@code PREFIX-ID.scope} for systemd's, {@code PREFIX-ID} or the bare ID for cgroupfs. The monitors that CRI-O
 * and Podman run beside each container ({@code conmon}) have cgroups of their own, named after the container
 * they watch; they are recognised so that they are not taken for it.
 */
final class ContainerNaming {
    static final String DOCKER = "docker";
    static final String CONTAINERD = "containerd";
    static final String CRI_O = "cri-o";
    static final String PODMAN = "podman";

    private static final String SCOPE = ".scope";
    private static final int ID_LENGTH = 64;

    private ContainerNaming() {
    }

    /**
     * A container (or its monitor) named by a cgroup.
     *
     * @param runtime {@link #DOCKER}, {@link #CONTAINERD}, {@link #CRI_O} or {@link #PODMAN}
     * @param id      the 64 hex digits
     * @param monitor whether the cgroup holds the container's monitor rather than the container
     */
    record Match(String runtime, String id, boolean monitor) {
    }

    /**
     * The container {@code parts[i]} names, or null.
     *
     * @param parentIsPod whether the component above is a pod's, where a bare ID is a container (containerd's
     *                    cgroupfs layout)
     */
    static Match match(String[] parts, int i, boolean parentIsPod) {
        String name = parts[i];
        boolean scope = name.endsWith(SCOPE);
        String stem = scope ? name.substring(0, name.length() - SCOPE.length()) : name;
        if (scope) {
            Match m = prefixed(stem, "docker-", DOCKER, false);
            if (m == null) {
                m = prefixed(stem, "cri-containerd-", CONTAINERD, false);
            }
            if (m != null) {
                return m;
            }
        }
        // CRI-O and Podman keep their prefixes under cgroupfs too: with or without ".scope".
        Match m = prefixed(stem, "crio-conmon-", CRI_O, true);
        if (m == null) {
            m = prefixed(stem, "crio-", CRI_O, false);
        }
        if (m == null) {
            m = prefixed(stem, "libpod-conmon-", PODMAN, true);
        }
        if (m == null) {
            m = prefixed(stem, "libpod-", PODMAN, false);
        }
        if (m != null || scope || !isId(name)) {
            return m;
        }
        if (i > 0 && parts[i - 1].equals("docker")) {
            return new Match(DOCKER, name, false);
        }
        return parentIsPod ? new Match(CONTAINERD, name, false) : null;
    }

    private static Match prefixed(String stem, String prefix, String runtime, boolean monitor) {
        if (!stem.startsWith(prefix)) {
            return null;
        }
        String id = stem.substring(prefix.length());
        return isId(id) ? new Match(runtime, id, monitor) : null;
    }

    /** 64 lowercase hex digits: the id every one of the four runtimes gives a container. */
    static boolean isId(String text) {
        if (text.length() != ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < ID_LENGTH; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
