package io.sockscope.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads socket facts from {@code /proc/net/*}, a source independent of sock_diag, so that tests can check what
 * netlink reported against what the kernel shows elsewhere.
 */
public final class ProcNet {
    private ProcNet() {
    }

    private static List<String[]> rows(String file) {
        try {
            return Files.readAllLines(Path.of("/proc/net", file)).stream()
                    .skip(1)
                    .map(line -> line.trim().split("\\s+"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int port(String hexAddressAndPort) {
        return Integer.parseInt(hexAddressAndPort.substring(hexAddressAndPort.indexOf(':') + 1), 16);
    }

    /** Inode of the socket in {@code tcp}, {@code tcp6}, {@code udp}… with these ports; -1 if none. */
    public static long inetInode(String file, int localPort, int remotePort) {
        for (String[] r : rows(file)) {
            if (port(r[1]) == localPort && port(r[2]) == remotePort) {
                return Long.parseLong(r[9]);
            }
        }
        return -1;
    }

    /** Inode of the unix socket bound to {@code path} (abstract names start with {@code @}); -1 if none. */
    public static long unixInode(String path) {
        return unixInode(path, -1);
    }

    /**
     * Inode of the unix socket showing {@code path} in {@code /proc/net/unix} with this {@code St} column
     * (1 unconnected or listening, 3 connected: an accepted socket shows its listener's path), or any state
     * for -1; -1 if none.
     */
    public static long unixInode(String path, int state) {
        for (String[] r : rows("unix")) {
            if (r.length >= 8 && r[7].equals(path) && (state < 0 || Integer.parseInt(r[5], 16) == state)) {
                return Long.parseLong(r[6]);
            }
        }
        return -1;
    }

    /** Inode of the packet socket of this type, ethertype (host order) and interface; -1 if none. */
    public static long packetInode(int type, int ethertype, int ifindex) {
        for (String[] r : rows("packet")) {
            if (Integer.parseInt(r[2]) == type && Integer.parseInt(r[3], 16) == ethertype
                    && Integer.parseInt(r[4]) == ifindex) {
                return Long.parseLong(r[8]);
            }
        }
        return -1;
    }

    /** Inode of the netlink socket with this protocol and port id; -1 if none. */
    public static long netlinkInode(int protocol, int portId) {
        for (String[] r : rows("netlink")) {
            if (Integer.parseInt(r[1]) == protocol && Integer.parseUnsignedInt(r[2]) == portId) {
                return Long.parseLong(r[9]);
            }
        }
        return -1;
    }

    /** The real uid of this process, from {@code /proc/self/status}. */
    public static int ourUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no Uid line in /proc/self/status");
    }

    /** Whether this process runs as root (tests needing privileges skip otherwise). */
    public static boolean isRoot() {
        return ourUid() == 0;
    }

    /** The index of the loopback interface. */
    public static int loopbackIndex() {
        try {
            return Integer.parseInt(Files.readString(Path.of("/sys/class/net/lo/ifindex")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
