package io.sockscope.attribution;

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
        String text = RuntimeFiles.read(file, warnings);
        if (text == null) {
            return null;
        }
        try {
            return nameIn(text);
        } catch (JsonCursor.MalformedJsonException e) {
            warnings.warn(file + ": not the JSON expected (" + e.getMessage() + "): no container name");
            return null;
        }
    }

    /** The container name a config.v2.json gives, without Docker's leading slash, or null when it gives none. */
    static String nameIn(String json) throws JsonCursor.MalformedJsonException {
        String[] name = new String[1];
        JsonCursor cursor = new JsonCursor(json);
        cursor.object((member, value) -> {
            if (member.equals("Name") && name[0] == null && value.atString()) {
                name[0] = value.string();
            } else {
                value.skipValue();
            }
        });
        cursor.end();
        String found = name[0];
        if (found != null && found.startsWith("/")) {
            found = found.substring(1);
        }
        return found == null || found.isEmpty() ? null : found;
    }
}
