package io.sockscope.attribution;

import io.sockscope.json.JsonValue;
import io.sockscope.model.WarningSink;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Docker containers' names, from the daemon's state on disk: the top-level {@code "Name"} of
 * {@code var/lib/docker/containers/ID/config.v2.json} ({@code "/web"}, shown as {@code web}). Each container's
 * file is read the first time the container is asked for, then remembered, answer or none.
 */
final class DockerNames {
    static final String CONTAINERS = "var/lib/docker/containers";
    static final String CONFIG = "config.v2.json";

    private final Path containers;
    private final WarningSink warnings;
    private final ConcurrentHashMap<String, Optional<String>> names = new ConcurrentHashMap<>();

    /** @param root the root prefix the daemon's directories are found under */
    DockerNames(Path root, WarningSink warnings) {
        this.containers = root.resolve(CONTAINERS);
        this.warnings = warnings;
    }

    /** The name of container {@code id} (64 hex digits), or null. */
    String name(String id) {
        Optional<String> known = names.get(id);
        if (known == null) {
            // Read outside the map's lock: two threads may both read one file, and agree.
            known = ContainerNaming.isId(id) ? Optional.ofNullable(read(id)) : Optional.empty();
            Optional<String> raced = names.putIfAbsent(id, known);
            known = raced != null ? raced : known;
        }
        return known.orElse(null);
    }

    private String read(String id) {
        Path file = containers.resolve(id).resolve(CONFIG);
        return RuntimeFiles.readJson(file, JsonValue.JsonObject.class, warnings, "no container name")
                .map(DockerNames::nameIn)
                .orElse(null);
    }

    /**
     * The container name a config.v2.json gives, without Docker's leading slash, or null when it gives none. Only
     * the top level's member counts: labels and mount points have members called {@code "Name"} too. A repeated
     * member gives its last value, as Docker's own reader (Go's encoding/json) takes it.
     */
    static String nameIn(JsonValue.JsonObject config) {
        String name = config.member("Name").flatMap(JsonValue::string).orElse("");
        String shown = name.startsWith("/") ? name.substring(1) : name;
        return shown.isEmpty() ? null : shown;
    }
}
