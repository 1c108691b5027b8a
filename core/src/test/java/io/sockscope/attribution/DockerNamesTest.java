package io.sockscope.attribution;

import io.sockscope.json.JsonReader;
import io.sockscope.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.sockscope.attribution.CgroupLayoutTest.ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Docker container's name: the top-level string among nested objects that have members of the same name, and
 * a file that holds no config (not JSON, or JSON of another shape) giving no name and one warning.
 */
class DockerNamesTest {
    /** The shape of a config.v2.json, shortened: "Name" occurs nested (a volume's, a label) before the real one. */
    static String dockerConfig(String nameMember) {
        return """
                {"StreamConfig":{},"State":{"Running":true,"Paused":false,"Pid":4242,"ExitCode":0,"Error":"",\
                "StartedAt":"2024-05-01T10:00:00.123456789Z","Health":null},"ID":"%s","Path":"nginx",\
                "Args":["-g","daemon off;",{"Name":"/not-this-either"}],\
                "Config":{"Hostname":"3f1e0c9ab2d4","Env":["PATH=/usr/bin"],"Labels":{"Name":"/label-not-name"},\
                "ExposedPorts":{"80/tcp":{}}},"NetworkSettings":{"Networks":{"bridge":{"IPAddress":"172.17.0.2",\
                "Aliases":null}}},"MountPoints":{"/data":{"Destination":"/data","RW":true,"Name":"data-volume"}},\
                %s,
                  "RestartCount" : 0 , "Weight":-1.5e3, "Ratio":0.25, "Deep":[[[[{"a":[{}]}]]]],\
                "LogPath":"/var/lib/docker/containers/%s/%s-json.log"}
                """.formatted(ID, nameMember, ID, ID);
    }

    private static String nameIn(String json) throws Exception {
        return DockerNames.nameIn((JsonValue.JsonObject) JsonReader.read(json));
    }

    @Test
    void theNameIsTheTopLevelMemberWithItsSlashStripped() throws Exception {
        assertEquals("web", nameIn(dockerConfig("\"Name\":\"/web\"")));
        assertEquals("caf\u00e9-\uD83D\uDE00", nameIn(dockerConfig("\"Name\":\"/caf\\u00e9-\\ud83d\\ude00\"")),
                "escapes decoded, the surrogate pair whole");
        assertEquals("\u00e9t\u00e9", nameIn("{\"Name\":\"/\u00e9t\u00e9\"}"), "raw UTF-8 text as is");
        assertEquals("web", nameIn("{\"Name\":\"web\"}"), "a name without the slash as it is");
    }

    @Test
    void noNameWhenTheMemberIsMissingEmptyOrNotAString() throws Exception {
        assertNull(nameIn(dockerConfig("\"Other\":\"/web\"")), "the nested members called Name are not it");
        assertNull(nameIn(dockerConfig("\"Name\":\"/\"")));
        assertNull(nameIn(dockerConfig("\"Name\":\"\"")));
        assertNull(nameIn(dockerConfig("\"Name\":42")));
        assertNull(nameIn(dockerConfig("\"Name\":null")));
        assertNull(nameIn(dockerConfig("\"Name\":{\"Name\":\"/inner\"}")));
        assertNull(nameIn("{}"));
    }

    /** Docker never writes a member twice; when one is, the last counts, as when Docker reads the file itself. */
    @Test
    void aRepeatedNameGivesItsLastValue() throws Exception {
        assertEquals("second", nameIn("{\"Name\":\"/first\",\"Name\":\"/second\"}"));
    }

    static Stream<String> notAConfig() {
        return Stream.of("", "[]", "\"Name\"", "{\"Name\":\"/web\",", "{\"Name\":\"/w\\x\"}",
                "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + ",\"Name\":\"/web\"}");
    }

    @ParameterizedTest
    @MethodSource("notAConfig")
    void aFileThatHoldsNoConfigGivesNoNameAndOneWarning(String text, @TempDir Path root) throws Exception {
        RuntimeMetadataTest.dockerConfig(root, ID, text);
        List<String> warnings = new ArrayList<>();
        DockerNames names = new DockerNames(root, warnings::add);
        assertNull(names.name(ID));
        assertNull(names.name(ID), "remembered, not read and warned of again");
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.getFirst().contains(ID + "/config.v2.json: not the JSON expected ("), warnings.getFirst());
        assertTrue(warnings.getFirst().endsWith("): no container name"), warnings.getFirst());
    }

    @Test
    void aTopLevelThatIsNotAnObjectIsSaidSo(@TempDir Path root) throws Exception {
        RuntimeMetadataTest.dockerConfig(root, ID, "[{\"Name\":\"/web\"}]");
        List<String> warnings = new ArrayList<>();
        assertNull(new DockerNames(root, warnings::add).name(ID));
        assertEquals(List.of(root.resolve(DockerNames.CONTAINERS).resolve(ID).resolve(DockerNames.CONFIG)
                + ": not the JSON expected (its top level is not an object): no container name"), warnings);
    }
}
