package io.sockscope.model;

/**
 * What runs a socket's owner, as far as its cgroup path tells: a container, the Kubernetes pod around it, the
 * systemd unit. Every part may be null: a socket of a plain systemd service has a unit only, one in a Docker
 * container a container only, one in a pod both a pod and a container.
 *
 * @param container the container, or null
 * @param pod       the pod, or null
 * @param unit      the systemd unit ({@code nginx.service}, {@code docker-ID.scope}), or null
 */
public record Workload(Container container, Pod pod, String unit) {
    /** Nothing known. */
    public static final Workload NONE = new Workload(null, null, null);

    /** Whether nothing is known. */
    public boolean isEmpty() {
        return container == null && pod == null && unit == null;
    }

    /**
     * A container.
     *
     * @param runtime {@code docker}, {@code containerd}, {@code cri-o} or {@code podman}
     * @param id      its id as the runtime writes it (64 hex digits for all four)
     * @param name    its name from the runtime's files, or null when they are not there
     */
    public record Container(String runtime, String id, String name) {
    }

    /**
     * A Kubernetes pod.
     *
     * @param namespace its Kubernetes namespace, or null when the kubelet's files are not there
     * @param name      its name, or null likewise
     * @param uid       its uid, from the cgroup path (dashes restored)
     */
    public record Pod(String namespace, String name, String uid) {
    }
}
