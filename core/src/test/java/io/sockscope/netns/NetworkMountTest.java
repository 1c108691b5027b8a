package io.sockscope.netns;

import io.sockscope.names.MountInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The nsfs lines of a mountinfo file, from fixture text shaped as a real kernel writes it (captured on Linux 6.1 and
 * 6.18 with {@code ip netns add}, {@code unshare --net=FILE} and a docker-style mount): network namespaces only,
 * in mount order, mount points unescaped, other namespace types and other file systems left out.
 */
class NetworkMountTest {
    private static final String MOUNTINFO = """
            22 1 259:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw
            23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
            41 22 0:25 / /run rw,nosuid,nodev shared:5 - tmpfs tmpfs rw,size=402652k,mode=755
            44 41 0:25 /netns /run/netns rw,nosuid,nodev shared:2 - tmpfs tmpfs rw,size=402652k,mode=755
            45 44 0:4 net:[4026532177] /run/netns/blue rw shared:2 - nsfs nsfs rw
            46 44 0:4 net:[4026532245] /run/netns/red\\040team rw shared:2 - nsfs nsfs rw
            47 22 0:4 mnt:[4026532301] /tmp/mnt-pin rw shared:1 - nsfs nsfs rw
            48 22 0:4 net:[4026532310] /tmp/net-pin rw shared:1 - nsfs nsfs rw
            49 41 0:4 net:[4026532400] /run/docker/netns/0123abcd rw master:7 - nsfs nsfs rw
            50 22 0:4 net:[4026532177] /srv/blue\\134again rw shared:1 - nsfs nsfs rw
            51 22 0:4 uts:[4026532402] /tmp/uts-pin rw - nsfs nsfs rw
            52 22 0:44 / /mnt/nsfs rw,relatime - ext4 nsfs rw
            53 22 0:4 net:[4026532500]
            54 22 0:4 net:[4026532501] /tmp/no-separator rw nsfs nsfs rw
            """;

    @Test
    void networkNamespaceMountsAreFoundInMountOrder(@TempDir Path dir) throws IOException {
        List<NetworkMount> mounts = NetworkMount.of(MountInfo.read(write(dir), NetworkMount.NSFS));

        assertEquals(List.of(
                new NetworkMount(4026532177L, Path.of("/run/netns/blue")),
                new NetworkMount(4026532245L, Path.of("/run/netns/red team")),
                new NetworkMount(4026532310L, Path.of("/tmp/net-pin")),
                new NetworkMount(4026532400L, Path.of("/run/docker/netns/0123abcd")),
                new NetworkMount(4026532177L, Path.of("/srv/blue\\again"))), mounts);
    }

    @Test
    void onlyNsfsLinesAreParsedAndTheirFieldsAreKept(@TempDir Path dir) throws IOException {
        List<MountInfo> nsfs = MountInfo.read(write(dir), "nsfs");

        assertEquals(7, nsfs.size(), nsfs.toString());
        assertEquals(new MountInfo(45, 44, "net:[4026532177]", "/run/netns/blue", "nsfs", "nsfs"), nsfs.getFirst());
        assertEquals(new MountInfo(47, 22, "mnt:[4026532301]", "/tmp/mnt-pin", "nsfs", "nsfs"), nsfs.get(2));
        // An ext4 mounted from a device called nsfs is no nsfs mount.
        assertEquals(List.of(), MountInfo.read(write(dir), "nsf"));
        assertEquals(2, MountInfo.read(write(dir), "ext4").size());
    }

    private static Path write(Path dir) throws IOException {
        return Files.writeString(dir.resolve("mountinfo"), MOUNTINFO, StandardCharsets.ISO_8859_1);
    }
}
