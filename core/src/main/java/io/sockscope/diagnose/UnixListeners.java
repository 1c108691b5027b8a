package io.sockscope.diagnose;

import io.sockscope.model.UnixSocket;

import java.nio.file.Path;
import java.util.List;

/** Finds the unix sockets bound to a target: by the socket file's inode when the kernel said it, else by name. */
final class UnixListeners {
    private UnixListeners() {
    }

    /**
     * The listening (or bound datagram) sockets of {@code target}.
     *
     * @param file what stat said about the path, or null when there is no file
     */
    static List<UnixSocket> boundTo(UnixTarget target, FileFacts file, List<UnixSocket> sockets) {
        if (target.isAbstract()) {
            return sockets.stream().filter(SocketFacts::isUnixListener)
                    .filter(u -> target.path().equals(SocketFacts.unixName(u))).toList();
        }
        String absolute = Path.of(target.path()).toAbsolutePath().normalize().toString();
        if (file != null && file.type() == FileFacts.Type.SOCKET) {
            boolean anyVfs = sockets.stream().anyMatch(u -> u.vfsInode() >= 0);
            if (anyVfs) {
                return sockets.stream().filter(SocketFacts::isUnixListener)
                        .filter(u -> u.vfsInode() == file.inode()
                                && (u.vfsDevice() < 0 || userDevice(u.vfsDevice()) == file.device()))
                        .toList();
            }
        }
        // Without the file (deleted under a live listener) or without VFS details, the bound name decides.
        return sockets.stream().filter(SocketFacts::isUnixListener)
                .filter(u -> {
                    String name = SocketFacts.unixName(u);
                    return name != null && (name.equals(target.path()) || name.equals(absolute));
                })
                .toList();
    }

    /**
     * The kernel reports the socket file's device in its internal encoding (major in the top 12 bits, minor in
     * the low 20); stat(2) reports {@code st_dev} in the user-space encoding. Converts the first to the second.
     */
    static long userDevice(long kernelDevice) {
        long major = kernelDevice >>> 20;
        long minor = kernelDevice & 0xfffff;
        return (minor & 0xff) | (major << 8) | ((minor & ~0xffL) << 12);
    }
}
