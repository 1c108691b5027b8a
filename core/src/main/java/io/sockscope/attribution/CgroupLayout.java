package io.sockscope.attribution;

import io.sockscope.model.Workload;

/**
 * A cgroup v2 path → the workload its name says runs there: the container, the Kubernetes pod around it, the
 * systemd unit. A pure function of the path's text; the names of containers and pods are not in it and are left
 * null ({@link RuntimeMetadata} adds them).
 *
 * <p>The path is the cgroup's directory below the cgroup2 mount, as {@code /proc/PID/cgroup} and a walk of the
 * mount write it. The layouts the runtimes make, under the systemd cgroup driver and the cgroupfs one:
 * <ul>
 *   <li>Docker: {@code /system.slice/docker-ID.scope}, {@code /docker/ID};</li>
 *   <li>containerd's CRI plugin: {@code …/cri-containerd-ID.scope}, {@code /kubepods/burstable/podUID/ID};</li>
 *   <li>CRI-O: {@code …/crio-ID.scope}, {@code …/podUID/crio-ID}; {@code crio-conmon-ID(.scope)} holds the
 *       container's monitor, not the container;</li>
 *   <li>Podman: {@code /machine.slice/libpod-ID.scope} (the payload in a {@code container} cgroup below it when
 *       the scope is split), {@code user@UID.service/user.slice/libpod-ID.scope} rootless,
 *       {@code /libpod_parent/libpod-ID}; {@code libpod-conmon-ID.scope} holds the monitor;</li>
 *   <li>Kubernetes pods: {@code kubepods.slice/kubepods-burstable.slice/kubepods-burstable-podUID.slice} (the
 *       uid's dashes written as underscores), {@code kubepods-besteffort…}, guaranteed pods directly in
 *       {@code kubepods.slice/kubepods-podUID.slice}, any prefix the kubelet's cgroup root adds
 *       ({@code kubelet-kubepods-…}); with cgroupfs {@code /kubepods/burstable/podUID},
 *       {@code /kubepods/podUID}.</li>
 * </ul>
 * Every ID is 64 lowercase hex digits; anything else is not taken for a container.
 *
 * <p>Where layouts nest (a Kubernetes node in a Docker container, systemd in a container), the innermost one
 * counts: the container is the innermost component named as a container or a monitor (a monitor gives no
 * container), the pod the innermost pod at or above it. The unit is the innermost component named as a systemd
 * unit that holds processes ({@code .service}, {@code .scope}, {@code .socket}, {@code .mount}, {@code .swap};
 * never a {@code .slice}), whichever manager runs it: the system's ({@code nginx.service},
 * {@code session-3.scope}), a user's ({@code app.service} below {@code user@1000.service}), or one inside a
 * container. A container's scope is therefore its unit ({@code docker-ID.scope}); a container of the cgroupfs
 * driver has none unless a unit encloses it.
 *
 * <p>A bare ID below a pod is taken for containerd's, the runtime that names its cgroups so; Docker under the
 * kubelet (cri-dockerd) with the cgroupfs driver names them the same way and is reported as containerd too.
 * A path that is not absolute, or too long to be one, or that names nothing known gives {@link Workload#NONE};
 * no path makes this class throw.
 */
public final class CgroupLayout {
    /** {@code PATH_MAX}: no cgroup path the kernel writes is longer. */
    private static final int MAX_PATH = 4096;
    private static final int MAX_UNIT_NAME = 255;

    private CgroupLayout() {
    }

    /** The workload {@code path} names, or {@link Workload#NONE}. */
    public static Workload workloadOf(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/' || path.length() > MAX_PATH) {
            return Workload.NONE;
        }
        String[] parts = path.substring(1).split("/");
        int containerAt = -1;
        ContainerNaming.Match container = null;
        for (int i = parts.length - 1; i >= 0 && container == null; i--) {
            container = ContainerNaming.match(parts, i, isPod(parts, i - 1));
            containerAt = i;
        }
        String podUid = innermostPod(parts, container != null ? containerAt : parts.length - 1);
        String unit = innermostUnit(parts);
        Workload.Container running = container == null || container.monitor() ? null
                : new Workload.Container(container.runtime(), container.id(), null);
        Workload.Pod pod = podUid == null ? null : new Workload.Pod(null, null, podUid);
        return running == null && pod == null && unit == null ? Workload.NONE : new Workload(running, pod, unit);
    }

    private static String innermostPod(String[] parts, int from) {
        for (int i = from; i >= 0; i--) {
            String uid = PodNaming.uid(parts, i);
            if (uid != null) {
                return uid;
            }
        }
        return null;
    }

    private static boolean isPod(String[] parts, int i) {
        return i >= 0 && PodNaming.uid(parts, i) != null;
    }

    private static String innermostUnit(String[] parts) {
        for (int i = parts.length - 1; i >= 0; i--) {
            if (isProcessUnit(parts[i])) {
                return parts[i];
            }
        }
        return null;
    }

    /** A systemd unit name (systemd's character set) of a type whose cgroup holds processes. */
    private static boolean isProcessUnit(String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || name.length() > MAX_UNIT_NAME) {
            return false;
        }
        String type = name.substring(dot + 1);
        if (!(type.equals("service") || type.equals("scope") || type.equals("socket") || type.equals("mount")
                || type.equals("swap"))) {
            return false;
        }
        for (int i = 0; i < dot; i++) {
            char c = name.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == ':' || c == '_' || c == '.' || c == '-' || c == '@' || c == '\\';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
