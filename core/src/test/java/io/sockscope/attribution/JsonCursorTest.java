package io.sockscope.attribution;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.sockscope.attribution.CgroupLayoutTest.ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The small JSON reader through its two users: Docker's config.v2.json (one top-level string among nested
 * objects that have members of the same name) and containers/storage's containers.json (an array of objects).
 */
class JsonCursorTest {
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

    @Test
    void dockerNameIsTheTopLevelMemberWithItsSlashStripped() throws Exception {
        assertEquals("web", DockerNames.nameIn(dockerConfig("\"Name\":\"/web\"")));
    }

    @Test
    void everyEscapeIsDecoded() throws Exception {
        String member = "\"Name\":\"/caf\\u00e9-\\\"quoted\\\"-\\\\back\\/slash-\\ud83d\\ude00-\\t\\n\\r\\b\\f\"";
        assertEquals("caf\u00e9-\"quoted\"-\\back/slash-\uD83D\uDE00-\t\n\r\b\f",
                DockerNames.nameIn(dockerConfig(member)));
        assertEquals("\u00e9t\u00e9", DockerNames.nameIn("{\"Name\":\"/\u00e9t\u00e9\"}"), "raw UTF-8 text as is");
    }

    @Test
    void noNameWhenTheMemberIsMissingEmptyOrNotAString() throws Exception {
        assertNull(DockerNames.nameIn(dockerConfig("\"Other\":\"/web\"")));
        assertNull(DockerNames.nameIn(dockerConfig("\"Name\":\"/\"")));
        assertNull(DockerNames.nameIn(dockerConfig("\"Name\":\"\"")));
        assertNull(DockerNames.nameIn(dockerConfig("\"Name\":42")));
        assertNull(DockerNames.nameIn(dockerConfig("\"Name\":{\"Name\":\"/inner\"}")));
        assertNull(DockerNames.nameIn("{}"));
        assertEquals("first", DockerNames.nameIn("{\"Name\":\"/first\",\"Name\":\"/second\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "[]",
        "\"Name\"",
        "{\"Name\":\"/web\"",
        "{\"Name\":\"/web\",}",
        "{Name:\"/web\"}",
        "{\"Name\" \"/web\"}",
        "{\"Name\":\"/web\"} trailing",
        "{\"Name\":\"/w\\x\"}",
        "{\"Name\":\"/w\\u12\"}",
        "{\"Name\":\"/w\\u12zz\"}",
        "{\"Name\":\"/w\teb\"}",
        "{\"Name\":\"/web",
        "{\"a\":tru,\"Name\":\"/web\"}",
        "{\"a\":01,\"Name\":\"/web\"}",
        "{\"a\":1.,\"Name\":\"/web\"}",
        "{\"a\":-,\"Name\":\"/web\"}",
        "{\"a\":1e,\"Name\":\"/web\"}",
        "{\"a\":[1,],\"Name\":\"/web\"}",
        "{\"a\":[1 2],\"Name\":\"/web\"}",
        "{\"a\":{\"b\"},\"Name\":\"/web\"}",
        "{\"a\":,\"Name\":\"/web\"}",
        "{\"a\":]\"Name\":\"/web\"}",
    })
    void malformedTextIsRefused(String text) {
        assertThrows(JsonCursor.MalformedJsonException.class, () -> DockerNames.nameIn(text), text);
    }

    @Test
    void nestingBeyondTheLimitIsRefusedWithoutExhaustingTheStack() throws Exception {
        String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + ",\"Name\":\"/web\"}";
        assertThrows(JsonCursor.MalformedJsonException.class, () -> DockerNames.nameIn(deep));
        int within = JsonCursor.MAX_DEPTH - 1;
        String allowed = "{\"a\":" + "[".repeat(within) + "]".repeat(within) + ",\"Name\":\"/web\"}";
        assertEquals("web", DockerNames.nameIn(allowed));
    }

    @Test
    void podmanNamesEachContainerByItsFirstName() throws Exception {
        String other = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        String json = """
                [{"id":"%s","names":["web","web-alias"],"image":"e4720093a3c1",\
                "layer":"ab12",\
                "metadata":"{\\"image-name\\":\\"docker.io/library/nginx:latest\\",\\"name\\":\\"web\\"}",\
                "created":"2024-05-01T10:00:00.000000001Z","flags":{"MountLabel":"","ProcessLabel":""}},
                 {"id":"%s","names":[],"flags":null},
                 {"names":["no-id"]},
                 {"id":"not-an-id","names":["bad"]},
                 "not an object", 7,
                 {"id":"%s","names":[null,"second-is-a-string"]}]
                """.formatted(ID, other, "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210");
        assertEquals(Map.of(ID, "web",
                "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210", "second-is-a-string"),
                PodmanNames.namesIn(json));
        assertEquals(Map.of(), PodmanNames.namesIn("[]"));
        assertThrows(JsonCursor.MalformedJsonException.class, () -> PodmanNames.namesIn("{\"id\":\"x\"}"));
    }
}
