package io.sockscope.attribution;

import io.sockscope.model.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * {@link CgroupLayout} over one path per layout the runtimes, the kubelet and systemd make (as {@code
 * /proc/PID/cgroup} and {@code systemd-cgls} show them on such hosts), and over paths that name nothing.
 */
class CgroupLayoutTest {
    /** Container ids and pod uids as the runtimes and the API server make them (random, not real ones). */
    static final String ID = "3f1e0c9ab2d4476e8a5b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5";
    static final String NODE = "a0b1c2d3e4f5061728394a5b6c7d8e9fa0b1c2d3e4f5061728394a5b6c7d8e9f";
    static final String UID = "6e1b2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
    static final String UID_ = UID.replace('-', '_');
    static final String STATIC_UID = "0f3a5c7e9b1d2f4a6c8e0b2d4f6a8c0e";

    private static Workload container(String runtime, String unit) {
        return new Workload(new Workload.Container(runtime, ID, null), null, unit);
    }

    private static Workload inPod(String runtime, String uid, String unit) {
        return new Workload(new Workload.Container(runtime, ID, null), new Workload.Pod(null, null, uid), unit);
    }

    private static Workload unit(String unit) {
        return new Workload(null, null, unit);
    }

    static Stream<Arguments> layouts() {
        return Stream.of(
                // Docker
                Arguments.of("docker, systemd driver", "/system.slice/docker-" + ID + ".scope",
                        container("docker", "docker-" + ID + ".scope")),
                Arguments.of("docker, cgroupfs driver", "/docker/" + ID, container("docker", null)),
                Arguments.of("docker under the kubelet (cri-dockerd), systemd driver",
                        "/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod" + UID_ + ".slice/docker-"
                                + ID + ".scope",
                        inPod("docker", UID, "docker-" + ID + ".scope")),
                // containerd's CRI plugin
                Arguments.of("containerd, burstable pod, systemd driver",
                        "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + UID_
                                + ".slice/cri-containerd-" + ID + ".scope",
                        inPod("containerd", UID, "cri-containerd-" + ID + ".scope")),
                Arguments.of("containerd, guaranteed pod, systemd driver",
                        "/kubepods.slice/kubepods-pod" + UID_ + ".slice/cri-containerd-" + ID + ".scope",
                        inPod("containerd", UID, "cri-containerd-" + ID + ".scope")),
                Arguments.of("containerd, besteffort pod, cgroupfs driver",
                        "/kubepods/besteffort/pod" + UID + "/" + ID, inPod("containerd", UID, null)),
                Arguments.of("containerd, guaranteed static pod, cgroupfs driver",
                        "/kubepods/pod" + STATIC_UID + "/" + ID, inPod("containerd", STATIC_UID, null)),
                Arguments.of("containerd, a kubelet cgroup root of /kubelet, systemd driver",
                        "/kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-besteffort.slice"
                                + "/kubelet-kubepods-besteffort-pod" + UID_ + ".slice/cri-containerd-" + ID + ".scope",
                        inPod("containerd", UID, "cri-containerd-" + ID + ".scope")),
                Arguments.of("containerd, rootless kubelet without QoS cgroups",
                        "/user.slice/user-1001.slice/user@1001.service/user.slice/cri-containerd-" + ID + ".scope",
                        container("containerd", "cri-containerd-" + ID + ".scope")),
                Arguments.of("containerd, usernetes (cgroupfs in a user service)",
                        "/user.slice/user-1001.slice/user@1001.service/u7s-rootlesskit.service/kubepods/burstable/pod"
                                + UID + "/" + ID,
                        inPod("containerd", UID, "u7s-rootlesskit.service")),
                // CRI-O
                Arguments.of("cri-o, besteffort pod, systemd driver",
                        "/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod" + UID_ + ".slice/crio-"
                                + ID + ".scope",
                        inPod("cri-o", UID, "crio-" + ID + ".scope")),
                Arguments.of("cri-o, burstable pod, cgroupfs driver",
                        "/kubepods/burstable/pod" + UID + "/crio-" + ID, inPod("cri-o", UID, null)),
                Arguments.of("cri-o's monitor in the pod: the pod, no container",
                        "/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod" + UID_
                                + ".slice/crio-conmon-" + ID + ".scope",
                        new Workload(null, new Workload.Pod(null, null, UID), "crio-conmon-" + ID + ".scope")),
                Arguments.of("cri-o's monitor in system.slice", "/system.slice/crio-conmon-" + ID + ".scope",
                        unit("crio-conmon-" + ID + ".scope")),
                // Podman
                Arguments.of("podman, root", "/machine.slice/libpod-" + ID + ".scope",
                        container("podman", "libpod-" + ID + ".scope")),
                Arguments.of("podman, split scope: the payload in container/",
                        "/machine.slice/libpod-" + ID + ".scope/container",
                        container("podman", "libpod-" + ID + ".scope")),
                Arguments.of("podman's monitor", "/machine.slice/libpod-conmon-" + ID + ".scope",
                        unit("libpod-conmon-" + ID + ".scope")),
                Arguments.of("podman, rootless",
                        "/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" + ID + ".scope",
                        container("podman", "libpod-" + ID + ".scope")),
                Arguments.of("podman, cgroupfs driver", "/libpod_parent/libpod-" + ID, container("podman", null)),
                // systemd units
                Arguments.of("a system service", "/system.slice/nginx.service", unit("nginx.service")),
                Arguments.of("a templated service in its slice", "/system.slice/system-getty.slice/getty@tty1.service",
                        unit("getty@tty1.service")),
                Arguments.of("a service's delegated subgroup", "/system.slice/buildkitd.service/worker",
                        unit("buildkitd.service")),
                Arguments.of("a login session", "/user.slice/user-1000.slice/session-3.scope", unit("session-3.scope")),
                Arguments.of("a user service",
                        "/user.slice/user-1000.slice/user@1000.service/app.slice/syncthing.service",
                        unit("syncthing.service")),
                Arguments.of("the user manager itself", "/user.slice/user-1000.slice/user@1000.service/init.scope",
                        unit("init.scope")),
                Arguments.of("PID 1", "/init.scope", unit("init.scope")),
                Arguments.of("relative to another cgroup namespace", "/../../system.slice/sshd.service",
                        unit("sshd.service")),
                // Nesting: the innermost layout counts.
                Arguments.of("systemd in a container: the unit inside",
                        "/system.slice/docker-" + ID + ".scope/system.slice/nginx.service",
                        container("docker", "nginx.service")),
                Arguments.of("a pod container in a Kubernetes node that is itself a container",
                        "/system.slice/docker-" + NODE + ".scope/kubepods/besteffort/pod" + UID + "/" + ID,
                        inPod("containerd", UID, "docker-" + NODE + ".scope")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void layout(String what, String path, Workload expected) {
        assertEquals(expected, CgroupLayout.workloadOf(path), path);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "/",
        "//",
        "system.slice/docker-" + ID + ".scope",
        "/system.slice",
        "/user.slice/user-1000.slice",
        "/docker-" + "3f1e0c9ab2d4476e8a5b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c" + ".slice",
        "/" + ID,
        "/sockscope/" + ID,
        "/docker/" + ID + "0",
        "/docker/3F1E0C9AB2D4476E8A5B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E6F708192A3B4C5",
        "/docker/3f1e0c9ab2d4476e8a5b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4cg",
        "/kubepods.slice/kubepods-burstable.slice",
        "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-podnot_a_uid.slice",
        "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1234.slice",
        "/kubepods/burstable/pod1/abc",
        "/sockscope/pod" + UID + "/" + ID,
        "/system.slice/ nginx.service",
        "/system.slice/.service",
        "/system.slice/nginx.service\u0000",
        "/system.slice/nginx.target",
    })
    void namesNothing(String path) {
        assertSame(Workload.NONE, CgroupLayout.workloadOf(path), String.valueOf(path));
    }

    @Test
    void longerThanAnyPathTheKernelWrites() {
        String deep = "/system.slice/x.service" + "/a".repeat(3000);
        assertSame(Workload.NONE, CgroupLayout.workloadOf(deep));
    }

    @Test
    void anyTextGivesAWorkloadAndNeverThrows() {
        Random random = new Random(11);
        String[] pieces = {"/", "docker-", ID, ".scope", ".slice", "kubepods", "-pod", UID_, "pod", UID, "crio-",
                "libpod-", "conmon-", ".service", "_", "-", "..", "\u00e9", "\n", ":"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder path = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                path.append(pieces[random.nextInt(pieces.length)]);
            }
            Workload w = CgroupLayout.workloadOf(path.toString());
            if (w.container() != null) {
                assertEquals(64, w.container().id().length(), path::toString);
            }
        }
    }
}
