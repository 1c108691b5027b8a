package io.sockscope.attribution;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the kubelet's log directories say about pods and containers, read once: the only record of Kubernetes
 * names on a node that needs no API server and no runtime socket, and the same for every CRI runtime.
 * <ul>
 *   <li>{@code var/log/pods/NAMESPACE_POD_UID/}, one directory per pod, with one directory per container in it:
 *       pod uid → namespace and name;</li>
 *   <li>{@code var/log/containers/POD_NAMESPACE_CONTAINER-ID.log}, one symbolic link per container, to
 *       {@code /var/log/pods/NAMESPACE_POD_UID/CONTAINER/N.log}: container id → container name, and the uid of
 *       its pod.</li>
 * </ul>
 * Kubernetes names are DNS labels and subdomains, which never hold an underscore, so the underscores split these
 * names without ambiguity. The link's target is read as text, never followed: under a root prefix it names a path
 * of the host, not of this file system. A link name the kubelet cut to 255 bytes has lost its id and is skipped.
 *
 * @param pods       pod uid → its names
 * @param containers container id → its name and pod
 */
record KubeletLogs(Map<String, PodNames> pods, Map<String, ContainerNames> containers) {
    static final String PODS = "var/log/pods";
    static final String CONTAINERS = "var/log/containers";
    private static final String LOG = ".log";

    /** A pod's namespace and name. */
    record PodNames(String namespace, String name) {
    }

    /**
     * A container's name and its pod's uid (null when the link's target does not say).
     */
    record ContainerNames(String name, String podUid) {
    }

    /** Reads both directories under {@code root}; what cannot be read is left out. */
    static KubeletLogs read(Path root) {
        Map<String, PodNames> pods = new HashMap<>();
        for (Path dir : list(root.resolve(PODS))) {
            String[] parts = podDirectory(dir.getFileName().toString());
            if (parts != null) {
                pods.putIfAbsent(parts[2], new PodNames(parts[0], parts[1]));
            }
        }
        Map<String, ContainerNames> containers = new HashMap<>();
        for (Path link : list(root.resolve(CONTAINERS))) {
            String name = link.getFileName().toString();
            if (!name.endsWith(LOG)) {
                continue;
            }
            String stem = name.substring(0, name.length() - LOG.length());
            int dash = stem.lastIndexOf('-');
            String id = dash < 0 ? "" : stem.substring(dash + 1);
            String[] podAndContainer = dash < 0 ? null : split3(stem.substring(0, dash));
            if (!ContainerNaming.isId(id) || podAndContainer == null) {
                continue;
            }
            containers.putIfAbsent(id, new ContainerNames(podAndContainer[2], podUidOfTarget(link)));
        }
        return new KubeletLogs(Map.copyOf(pods), Map.copyOf(containers));
    }

    /** {@code NAMESPACE_POD_UID} → its three parts, or null. */
    static String[] podDirectory(String name) {
        return split3(name);
    }

    /** The pod uid in a link's target {@code …/NAMESPACE_POD_UID/CONTAINER/N.log}, or null. */
    private static String podUidOfTarget(Path link) {
        try {
            Path target = Files.readSymbolicLink(link);
            Path podDir = target.getNameCount() >= 3 ? target.getName(target.getNameCount() - 3) : null;
            String[] parts = podDir == null ? null : podDirectory(podDir.toString());
            return parts == null ? null : parts[2];
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /** {@code A_B_C} with three non-empty parts and no more underscores → the parts; otherwise null. */
    private static String[] split3(String text) {
        String[] parts = text.split("_", -1);
        if (parts.length != 3) {
            return null;
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                return null;
            }
        }
        return parts;
    }

    private static List<Path> list(Path dir) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (IOException | RuntimeException e) {
            // No kubelet on this node, or its logs are not ours to read: no names from here.
        }
        return entries;
    }
}
