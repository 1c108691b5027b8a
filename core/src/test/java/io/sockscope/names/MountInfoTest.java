package io.sockscope.names;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** mountinfo's line format (proc(5)): the optional fields, the separator, the kernel's octal escapes. */
class MountInfoTest {

    @Test
    void aLineWithOptionalFieldsIsReadAroundThem() {
        assertEquals(new MountInfo(36, 35, "/mnt1", "/mnt2", "ext3", "/dev/root"),
                MountInfo.parse("36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 shared:4 - ext3 /dev/root rw,errors=continue"));
        assertEquals(new MountInfo(36, 35, "/", "/", "ext3", "/dev/root"),
                MountInfo.parse("36 35 98:0 / / rw - ext3 /dev/root rw"));
    }

    @Test
    void escapesAreUndoneAndBytesDecodedAsFileNames() {
        assertEquals("/mnt/a b\tc\nd\\e", MountInfo.parse("1 0 0:1 / /mnt/a\\040b\\011c\\012d\\134e rw - tmpfs t rw")
                .mountPoint());
        // A backslash without three octal digits after it is kept.
        assertEquals("/x\\9y\\04", MountInfo.parse("1 0 0:1 / /x\\9y\\04 rw - tmpfs t rw").mountPoint());
        String utf8 = new String("/mnt/é".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertEquals("/mnt/é", MountInfo.parse("1 0 0:1 / " + utf8 + " rw - tmpfs t rw").mountPoint());
    }

    @Test
    void linesOfAnotherShapeAreNone() {
        assertNull(MountInfo.parse(""));
        assertNull(MountInfo.parse("36 35 98:0 /mnt1 /mnt2 rw master:1"));
        assertNull(MountInfo.parse("x 35 98:0 / / rw - ext3 /dev/root rw"));
        assertNull(MountInfo.parse("36 35 98:0 / / - ext3 /dev/root rw"), "the separator among the fixed fields");
        assertNull(MountInfo.parse("36 35 98:0 / / rw - ext3"));
    }
}
