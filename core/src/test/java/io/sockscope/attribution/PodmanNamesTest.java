package io.sockscope.attribution;

import io.sockscope.json.JsonReader;
import io.sockscope.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.sockscope.attribution.CgroupLayoutTest.ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Podman containers' names from containers/storage's containers.json: an array whose entries may be odd. */
class PodmanNamesTest {
    private static final String OTHER = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String THIRD = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

    private static Map<String, String> namesIn(String json) throws Exception {
        return PodmanNames.namesIn((JsonValue.JsonArray) JsonReader.read(json));
    }

    @Test
    void eachContainerIsNamedByItsFirstName() throws Exception {
        String json = """
                [{"id":"%s","names":["web","web-alias"],"image":"e4720093a3c1",\
                "layer":"ab12",\
                "metadata":"{\\"image-name\\":\\"docker.io/library/nginx:latest\\",\\"name\\":\\"web\\"}",\
                "created":"2024-05-01T10:00:00.000000001Z","flags":{"MountLabel":"","ProcessLabel":""}},
                 {"id":"%s","names":[],"flags":null},
                 {"names":["no-id"]},
                 {"id":"not-an-id","names":["bad"]},
                 "not an object", 7, null, [],
                 {"id":42,"names":["id-not-a-string"]},
                 {"id":"%s","names":"not-an-array"},
                 {"id":"%s","names":[null,"second-is-a-string"]},
                 {"id":"%s","names":["a-later-entry-for-the-same-id"]}]
                """.formatted(ID, OTHER, OTHER, THIRD, ID);
        assertEquals(Map.of(ID, "web", THIRD, "second-is-a-string"), namesIn(json));
        assertEquals(Map.of(), namesIn("[]"));
    }

    @Test
    void aFileThatHoldsNoListGivesNoNamesAndOneWarning(@TempDir Path root) throws Exception {
        Path overlay = Files.createDirectories(root.resolve(PodmanNames.STORAGE).resolve("overlay-containers"));
        Files.writeString(overlay.resolve(PodmanNames.CONTAINERS_FILE), "{\"id\":\"" + ID + "\",\"names\":[\"db\"]}");
        Path vfs = Files.createDirectories(root.resolve(PodmanNames.STORAGE).resolve("vfs-containers"));
        Files.writeString(vfs.resolve(PodmanNames.CONTAINERS_FILE), "[{\"id\":\"" + OTHER + "\",\"names\":[\"cache\"]}]");
        List<String> warnings = new ArrayList<>();
        assertEquals(Map.of(OTHER, "cache"), PodmanNames.read(root, warnings::add), "the other driver's still read");
        assertEquals(List.of(overlay.resolve(PodmanNames.CONTAINERS_FILE)
                + ": not the JSON expected (its top level is not an array): no container names"), warnings);
    }

    @Test
    void noStorageIsNoNamesAndNoWarning(@TempDir Path root) {
        List<String> warnings = new ArrayList<>();
        assertTrue(PodmanNames.read(root, warnings::add).isEmpty());
        assertEquals(List.of(), warnings);
    }
}
