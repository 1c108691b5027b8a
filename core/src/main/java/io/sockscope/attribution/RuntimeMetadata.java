package io.sockscope.attribution;

import io.sockscope.model.WarningSink;
import io.sockscope.model.Workload;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The names a cgroup path does not hold — a container's, a pod's namespace and name — from the files the
 * runtimes and the kubelet keep on disk, all found under one root prefix ({@code /}, or the host's root mounted
 * elsewhere, as node_exporter's {@code --path.rootfs}), so that a test lays the files out in a directory:
 * <ul>
 *   <li>Docker: {@code var/lib/docker/containers/ID/config.v2.json}, its {@code "Name"};</li>
 *   <li>Podman: {@code var/lib/containers/storage/*-containers/containers.json}, each container's first name;</li>
 *   <li>Kubernetes, whatever the runtime (containerd and CRI-O are named only this way):
 *       {@code var/log/pods/NAMESPACE_POD_UID/} and the links {@code var/log/containers/POD_NAMESPACE_CONTAINER-ID.log}
 *       ({@link KubeletLogs}).</li>
 * </ul>
 * A container in a pod is given its Kubernetes name, the runtime's own name only when the kubelet's files do not
 * have it (Docker's for a pod container is a generated {@code k8s_…} one); a container the kubelet knows gains
 * its pod when the cgroup path has none (a kubelet run without per-QoS cgroups places containers so).
 *
 * <p>Each source is read the first time it is needed, then remembered for the life of the instance: a listing
 * reads each directory once, and a container that appears later is named by a new instance. A file that is
 * missing or unreadable gives no name; one that is malformed or too large gives none either, with a warning.
 * Nothing here throws. Instances are safe for use by several threads.
 */
public final class RuntimeMetadata {
    private final DockerNames docker;
    private final Lazy<Map<String, String>> podman;
    private final Lazy<KubeletLogs> kubelet;

    /**
     * @param root     the root prefix the runtimes' files are read under ({@code /} on the host itself)
     * @param warnings where malformed files are reported
     */
    public RuntimeMetadata(Path root, WarningSink warnings) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(warnings, "warnings");
        this.docker = new DockerNames(root, warnings);
        this.podman = new Lazy<>(() -> PodmanNames.read(root, warnings));
        this.kubelet = new Lazy<>(() -> KubeletLogs.read(root));
    }

    /** {@code workload} with the names found for its container and pod; the same workload when none is found. */
    public Workload withNames(Workload workload) {
        Workload.Container container = workload.container();
        Workload.Pod pod = workload.pod();
        if (container != null && pod == null) {
            KubeletLogs.ContainerNames known = kubelet.get().containers().get(container.id());
            if (known != null && known.podUid() != null) {
                pod = new Workload.Pod(null, null, known.podUid());
            }
        }
        if (container != null && container.name() == null) {
            String name = containerName(container, pod != null);
            if (name != null) {
                container = new Workload.Container(container.runtime(), container.id(), name);
            }
        }
        if (pod != null && pod.name() == null) {
            KubeletLogs.PodNames names = kubelet.get().pods().get(pod.uid());
            if (names != null) {
                pod = new Workload.Pod(names.namespace(), names.name(), pod.uid());
            }
        }
        return container == workload.container() && pod == workload.pod() ? workload
                : new Workload(container, pod, workload.unit());
    }

    private String containerName(Workload.Container container, boolean inPod) {
        String id = container.id();
        String kubernetes = inPod ? kubernetesName(id) : null;
        if (kubernetes != null) {
            return kubernetes;
        }
        String own = switch (container.runtime()) {
            case ContainerNaming.DOCKER -> docker.name(id);
            case ContainerNaming.PODMAN -> podman.get().get(id);
            default -> null;
        };
        return own != null || inPod ? own : kubernetesName(id);
    }

    private String kubernetesName(String id) {
        KubeletLogs.ContainerNames known = kubelet.get().containers().get(id);
        return known == null ? null : known.name();
    }
}
