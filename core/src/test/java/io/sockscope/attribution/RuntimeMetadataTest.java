package io.sockscope.attribution;

import io.sockscope.model.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.sockscope.attribution.CgroupLayoutTest.ID;
import static io.sockscope.attribution.CgroupLayoutTest.UID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link RuntimeMetadata} over fixture roots laid out as the runtimes and the kubelet lay out theirs. */
class RuntimeMetadataTest {
    static final String OTHER = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private final List<String> warnings = new ArrayList<>();

    /** {@code var/lib/docker/containers/ID/config.v2.json} holding {@code text}. */
    static void dockerConfig(Path root, String id, String text) throws IOException {
        Path dir = Files.createDirectories(root.resolve(DockerNames.CONTAINERS).resolve(id));
        Files.writeString(dir.resolve(DockerNames.CONFIG), text);
    }

    /**
     * The kubelet's files for one container of one pod: the pod's log directory with the container's in it, and
     * the container's link in var/log/containers to its log (an absolute path of the host, as the kubelet writes).
     */
    static void kubeletPod(Path root, String namespace, String pod, String uid, String container, String id)
            throws IOException {
        String podDir = namespace + "_" + pod + "_" + uid;
        Path logs = Files.createDirectories(root.resolve(KubeletLogs.PODS).resolve(podDir).resolve(container));
        Files.writeString(logs.resolve("0.log"), "");
        Path links = Files.createDirectories(root.resolve(KubeletLogs.CONTAINERS));
        Files.createSymbolicLink(links.resolve(pod + "_" + namespace + "_" + container + "-" + id + ".log"),
                Path.of("/var/log/pods", podDir, container, "0.log"));
    }

    private static Workload.Container unnamed(String runtime, String id) {
        return new Workload.Container(runtime, id, null);
    }

    /** The name {@code metadata} gives a container of no pod. */
    private static String nameOf(RuntimeMetadata metadata, String runtime, String id) {
        return metadata.withNames(new Workload(unnamed(runtime, id), null, null)).container().name();
    }

    @Test
    void dockerContainerIsNamedFromItsConfig(@TempDir Path root) throws IOException {
        dockerConfig(root, ID, DockerNamesTest.dockerConfig("\"Name\":\"/web\\u002d1\""));
        RuntimeMetadata metadata = new RuntimeMetadata(root, warnings::add);
        Workload named = metadata.withNames(new Workload(unnamed("docker", ID), null, "docker-" + ID + ".scope"));
        assertEquals(new Workload(new Workload.Container("docker", ID, "web-1"), null, "docker-" + ID + ".scope"),
                named);
        Workload unknown = new Workload(unnamed("docker", OTHER), null, null);
        assertSame(unknown, metadata.withNames(unknown), "no config: the workload as it was");
        assertEquals(List.of(), warnings);
    }

    @Test
    void kubernetesPodAndContainerAreNamedFromTheKubeletsLogDirectories(@TempDir Path root) throws IOException {
        kubeletPod(root, "shop", "web-7d4b9c6f5-x2x9q", UID, "nginx", ID);
        kubeletPod(root, "kube-system", "coredns-5d78c9869d-abcde", "11111111-2222-4333-8444-555555555555",
                "coredns", OTHER);
        RuntimeMetadata metadata = new RuntimeMetadata(root, warnings::add);
        Workload fromPath = new Workload(unnamed("containerd", ID), new Workload.Pod(null, null, UID),
                "cri-containerd-" + ID + ".scope");
        assertEquals(new Workload(new Workload.Container("containerd", ID, "nginx"),
                new Workload.Pod("shop", "web-7d4b9c6f5-x2x9q", UID), "cri-containerd-" + ID + ".scope"),
                metadata.withNames(fromPath));
        assertEquals(new Workload(new Workload.Container("cri-o", OTHER, "coredns"),
                new Workload.Pod("kube-system", "coredns-5d78c9869d-abcde", "11111111-2222-4333-8444-555555555555"),
                null), metadata.withNames(new Workload(unnamed("cri-o", OTHER), null, null)),
                "a container the kubelet knows gains its pod when the path has none");
        Workload podOnly = new Workload(null, new Workload.Pod(null, null, UID), "crio-conmon-" + ID + ".scope");
        assertEquals(new Workload(null, new Workload.Pod("shop", "web-7d4b9c6f5-x2x9q", UID),
                "crio-conmon-" + ID + ".scope"), metadata.withNames(podOnly));
        assertEquals(List.of(), warnings);
    }

    @Test
    void inAPodTheKubernetesNameWinsOverTheRuntimes(@TempDir Path root) throws IOException {
        dockerConfig(root, ID, "{\"Name\":\"/k8s_nginx_web-7d4b9c6f5-x2x9q_shop_" + UID + "_0\"}");
        kubeletPod(root, "shop", "web-7d4b9c6f5-x2x9q", UID, "nginx", ID);
        Workload named = new RuntimeMetadata(root, warnings::add).withNames(
                new Workload(unnamed("docker", ID), new Workload.Pod(null, null, UID), null));
        assertEquals("nginx", named.container().name());
    }

    @Test
    void kubeletFilesThatDoNotParseAreSkipped(@TempDir Path root) throws IOException {
        Path pods = Files.createDirectories(root.resolve(KubeletLogs.PODS));
        Files.createDirectories(pods.resolve("no-underscores"));
        Files.createDirectories(pods.resolve("a_b_c_d"));
        Files.createDirectories(pods.resolve("__" + UID));
        Path links = Files.createDirectories(root.resolve(KubeletLogs.CONTAINERS));
        Files.writeString(links.resolve("pod_ns_c-" + ID + ".txt"), "");
        Files.writeString(links.resolve("pod_ns_c-" + ID.substring(0, 40) + ".log"), "");
        Files.writeString(links.resolve("pod_ns-" + OTHER + ".log"), "");
        KubeletLogs logs = KubeletLogs.read(root);
        assertEquals(0, logs.pods().size(), logs.pods()::toString);
        assertEquals(0, logs.containers().size(), logs.containers()::toString);
        // A link whose target says nothing of a pod still names its container.
        Files.createSymbolicLink(links.resolve("web_shop_nginx-" + ID + ".log"), Path.of("elsewhere.log"));
        assertEquals(new KubeletLogs.ContainerNames("nginx", null), KubeletLogs.read(root).containers().get(ID));
    }

    @Test
    void podmanContainerIsNamedFromContainersStorage(@TempDir Path root) throws IOException {
        Path overlay = Files.createDirectories(root.resolve(PodmanNames.STORAGE).resolve("overlay-containers"));
        Files.writeString(overlay.resolve(PodmanNames.CONTAINERS_FILE),
                "[{\"id\":\"" + ID + "\",\"names\":[\"db\"],\"metadata\":\"{\\\"name\\\":\\\"db\\\"}\"}]");
        Path vfs = Files.createDirectories(root.resolve(PodmanNames.STORAGE).resolve("vfs-containers"));
        Files.writeString(vfs.resolve(PodmanNames.CONTAINERS_FILE),
                "[{\"id\":\"" + OTHER + "\",\"names\":[\"cache\"]}]");
        RuntimeMetadata metadata = new RuntimeMetadata(root, warnings::add);
        assertEquals("db", nameOf(metadata, "podman", ID));
        assertEquals("cache", nameOf(metadata, "podman", OTHER));
        assertEquals(List.of(), warnings);
    }

    @Test
    void malformedAndOversizedFilesGiveNoNameAndOneWarningEach(@TempDir Path root) throws IOException {
        dockerConfig(root, ID, "{\"Name\":\"/web\",");
        dockerConfig(root, OTHER, "{\"Name\":\"/big\",\"Pad\":\"" + "x".repeat(RuntimeFiles.MAX_BYTES) + "\"}");
        Path overlay = Files.createDirectories(root.resolve(PodmanNames.STORAGE).resolve("overlay-containers"));
        Files.writeString(overlay.resolve(PodmanNames.CONTAINERS_FILE), "[{\"id\":");
        RuntimeMetadata metadata = new RuntimeMetadata(root, warnings::add);
        for (int i = 0; i < 2; i++) {
            assertNull(nameOf(metadata, "docker", ID));
            assertNull(nameOf(metadata, "docker", OTHER));
            assertNull(nameOf(metadata, "podman", ID));
        }
        assertEquals(3, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains(ID + "/config.v2.json: not the JSON expected"), warnings.get(0));
        assertTrue(warnings.get(1).contains("larger than 4 MiB"), warnings.get(1));
        assertTrue(warnings.get(2).contains("containers.json: not the JSON expected"), warnings.get(2));
    }

    @Test
    void eachSourceIsReadOnceAndRemembered(@TempDir Path root) throws IOException {
        dockerConfig(root, ID, "{\"Name\":\"/web\"}");
        kubeletPod(root, "shop", "web-7d4b9c6f5-x2x9q", UID, "nginx", OTHER);
        RuntimeMetadata metadata = new RuntimeMetadata(root, warnings::add);
        Workload docker = new Workload(unnamed("docker", ID), null, null);
        Workload pod = new Workload(null, new Workload.Pod(null, null, UID), null);
        assertEquals("web", metadata.withNames(docker).container().name());
        assertEquals("shop", metadata.withNames(pod).pod().namespace());
        deleteTree(root.resolve("var"));
        assertEquals("web", metadata.withNames(docker).container().name(), "remembered");
        assertEquals("shop", metadata.withNames(pod).pod().namespace(), "remembered");
        RuntimeMetadata fresh = new RuntimeMetadata(root, warnings::add);
        assertSame(docker, fresh.withNames(docker), "a new instance reads again");
        assertSame(pod, fresh.withNames(pod));
    }

    @Test
    void aRootWithNothingChangesNothing(@TempDir Path root) {
        RuntimeMetadata metadata = new RuntimeMetadata(root.resolve("missing"), warnings::add);
        for (String runtime : List.of("docker", "containerd", "cri-o", "podman")) {
            Workload w = new Workload(unnamed(runtime, ID), new Workload.Pod(null, null, UID), "x.scope");
            assertSame(w, metadata.withNames(w));
        }
        assertSame(Workload.NONE, metadata.withNames(Workload.NONE));
        assertEquals(List.of(), warnings);
    }

    static void deleteTree(Path top) throws IOException {
        try (var paths = Files.walk(top)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
