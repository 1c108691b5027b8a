package io.sockscope.attribution;

import io.sockscope.json.JsonValue;
import io.sockscope.model.WarningSink;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

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
                RuntimeFiles.readJson(driver.resolve(CONTAINERS_FILE), JsonValue.JsonArray.class, warnings,
                        "no container names").ifPresent(list -> namesIn(list).forEach(names::putIfAbsent));
            }
        } catch (IOException | RuntimeException e) {
            // No storage here (the usual case on a host without Podman), or not ours to read.
        }
        return names;
    }

    /**
     * id → first name of each object of a containers.json array that has both. Entries of another shape (not an
     * object, an id that is not a container's, names that are not strings) name nothing; the others are read.
     */
    static Map<String, String> namesIn(JsonValue.JsonArray containers) {
        Map<String, String> names = new HashMap<>();
        for (JsonValue container : containers.values()) {
            Optional<String> id = container.member("id").flatMap(JsonValue::string).filter(ContainerNaming::isId);
            Optional<String> first = container.member("names").stream()
                    .flatMap(given -> given.elements().stream())
                    .flatMap(name -> name.string().stream())
                    .findFirst();
            if (id.isPresent() && first.isPresent()) {
                names.putIfAbsent(id.get(), first.get());
            }
        }
        return names;
    }
}
