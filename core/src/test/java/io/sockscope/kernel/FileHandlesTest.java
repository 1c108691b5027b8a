package io.sockscope.kernel;

import io.sockscope.names.MountTable;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link FileHandles} against the running kernel: a cgroup2 directory's 8-byte handle is its id, its inode. */
class FileHandlesTest {

    @Test
    void aCgroup2DirectorysHandleIsItsInodeNumber() throws Exception {
        String mount = MountTable.PROC.cgroup2Mount();
        assumeTrue(mount != null, "needs a cgroup2 mount");
        byte[] path = mount.getBytes(StandardCharsets.ISO_8859_1);
        FileHandles.Handle root = FileHandles.of(FileHandles.AT_FDCWD, path);
        assertTrue(root.found(), root.toString());
        assertEquals(8, root.length());
        long inode = ((Number) Files.getAttribute(Path.of(mount), "unix:ino")).longValue();
        assertEquals(inode, root.value(), "the root cgroup's id");

        int fd = FileHandles.openReadOnly(path);
        assertTrue(fd >= 0, "open " + mount + ": " + Errno.name(-fd));
        try {
            FileHandles.Handle self = FileHandles.of(fd, ".".getBytes(StandardCharsets.US_ASCII));
            assertEquals(root, self, "the mount's own directory, named relative to it");
            FileHandles.Handle missing = FileHandles.of(fd,
                    "sockscope-no-such-cgroup".getBytes(StandardCharsets.US_ASCII));
            assertEquals(new FileHandles.Handle(0, 0, Errno.ENOENT), missing);
        } finally {
            FileHandles.close(fd);
        }
    }

    @Test
    void aMissingPathIsEnoent() {
        FileHandles.Handle missing = FileHandles.of(FileHandles.AT_FDCWD,
                "/nonexistent/sockscope".getBytes(StandardCharsets.US_ASCII));
        assertFalse(missing.found());
        assertEquals(Errno.ENOENT, missing.errno());
        assertEquals(-Errno.ENOENT,
                FileHandles.openReadOnly("/nonexistent/sockscope".getBytes(StandardCharsets.US_ASCII)));
    }
}
