package io.sockscope.netns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code net:[N]}, read by hand: exactly that shape, nothing around it. */
class NsfsNameTest {

    @Test
    void aNetworkNamespaceNameGivesItsInode() {
        assertEquals(4026531840L, NsfsName.networkInode("net:[4026531840]"));
        assertEquals(1, NsfsName.networkInode("net:[1]"));
        assertEquals(4294967295L, NsfsName.networkInode("net:[4294967295]"));
        assertEquals(7, NsfsName.networkInode("net:[007]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "net", "net:", "net:[", "net:[]", "net:[12", "net:12]", "net:[12]x", " net:[12]",
            "net:[ 12]", "net:[+12]", "net:[-12]", "net:[1a]", "net:[12]]", "mnt:[4026531841]", "socket:[4026531840]",
            "ne:[1]", "nett:[1]", "net;[1]", "net:(1]", "/run/netns/net:[1]", "net:[1234567890123456789]",
            "net:[99999999999999999999999]"})
    void anythingElseIsNone(String text) {
        assertEquals(NsfsName.NONE, NsfsName.networkInode(text), text);
    }

    @Test
    void otherTypesAreReadByTheirOwnName() {
        assertEquals(4026531841L, NsfsName.inode("mnt:[4026531841]", "mnt"));
        assertEquals(NsfsName.NONE, NsfsName.inode("net:[4026531841]", "mnt"));
        assertEquals(NsfsName.NONE, NsfsName.inode("cgroup:[1]", "mnt"));
    }

    @Test
    void theDescriptorFilterLooksAtTheFirstBytesOnly() {
        assertTrue(starts("net:[4026531840]"));
        assertTrue(starts("net:[x"), "a prefix is enough: the full parse comes later");
        assertFalse(starts("net:["), "nothing after the bracket");
        assertFalse(starts("socket:[4026531840]"));
        assertFalse(starts("/run/netns/x"));
        assertFalse(starts("net"));
        assertTrue(NamespaceDescriptors.INSTANCE.keeps(bytes("/"), 1), "a detached mount's root");
        assertFalse(NamespaceDescriptors.INSTANCE.keeps(bytes("/x"), 2));
        assertFalse(NamespaceDescriptors.INSTANCE.keeps(bytes("pipe:[5]"), 8));
        assertTrue(NamespaceDescriptors.INSTANCE.keeps(bytes("net:[5]"), 7));
    }

    private static boolean starts(String text) {
        byte[] bytes = bytes(text);
        return NsfsName.startsAsNetwork(bytes, bytes.length);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
