package io.sockscope.attribution;

import io.sockscope.model.WarningSink;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Podman containers' names, from the containers/storage library's record of its containers:
 * {@code var/lib/containers/storage/DRIVER-containers/containers.json} ({@code overlay-containers} for the usual
 * overlay driver), an array of objects whose {@code "id"} is the container's and whose {@code "names"} array
 * starts with its name. Only the system's storage is read: a rootless user's
 * ({@code ~/.local/share/containers/storage}) is not under the root prefix's fixed paths.
 */
final class PodmanNames {
    static final String STORAGE = "var/lib/containers/storage";
    static final String CONTAINERS_FILE = "containers.json";
    private static final String DRIVER_DIRECTORY_SUFFIX = "-containers";

    private PodmanNames() {
    }

    /** Container id → name, from every driver's file under {@code root}; empty when there is none. */
    static Map<String, String> read(Path root, WarningSink warnings) {
        Map<String, String> names = new HashMap<>();
        Path storage = root.resolve(STORAGE);
        try (DirectoryStream<Path> drivers = Files.newDirectoryStream(storage, "*" + DRIVER_DIRECTORY_SUFFIX)) {
            for (Path driver : drivers) {
                Path file = driver.resolve(CONTAINERS_FILE);
                String text = RuntimeFiles.read(file, warnings);
                if (text == null) {
                    continue;
                }
                try {
                    namesIn(text).forEach(names::putIfAbsent);
                } catch (JsonCursor.MalformedJsonException e) {
                    warnings.warn(file + ": not the JSON expected (" + e.getMessage() + "): no container names");
                }
            }
        } catch (IOException | RuntimeException e) {
            // No storage here (the usual case on a host without Podman), or not ours to read.
        }
        return names;
    }

    /** id → first name of each object of a containers.json array that has both. */
    static Map<String, String> namesIn(String json) throws JsonCursor.MalformedJsonException {
        Map<String, String> names = new HashMap<>();
        JsonCursor cursor = new JsonCursor(json);
        cursor.array(element -> {
            if (!element.atObject()) {
                element.skipValue();
                return;
            }
            String[] id = new String[1];
            List<String> given = new ArrayList<>();
            element.object((member, value) -> {
                if (member.equals("id") && value.atString()) {
                    id[0] = value.string();
                } else if (member.equals("names") && value.atArray()) {
                    value.array(name -> {
                        if (name.atString()) {
                            given.add(name.string());
                        } else {
                            name.skipValue();
                        }
                    });
                } else {
                    value.skipValue();
                }
            });
            if (id[0] != null && ContainerNaming.isId(id[0]) && !given.isEmpty()) {
                names.putIfAbsent(id[0], given.getFirst());
            }
        });
        cursor.end();
        return names;
    }
}
