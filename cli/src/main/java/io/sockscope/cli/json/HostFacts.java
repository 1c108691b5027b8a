package io.sockscope.cli.json;

import io.sockscope.diagnose.system.ProcSysctls;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a JSON document says it describes: the host, its kernel, and the network namespace the listing was
 * read in (by inode, and by name when {@code ip netns} knows one for it).
 *
 * @param toolVersion    sockscope's version
 * @param hostname       the kernel's host name (of the UTS namespace), or null
 * @param kernel         the kernel release, or null
 * @param namespaceInode the network namespace's inode, or 0 when unknown
 * @param namespaceName  its name under {@code /run/netns}, or null
 */
public record HostFacts(String toolVersion, String hostname, String kernel, long namespaceInode, String namespaceName) {
    private static final Path NAMED_NAMESPACES = Path.of("/run/netns");

    /**
     * The facts as the calling thread sees them (a thread that entered another namespace with {@code -N}
     * reads its own through {@code /proc/thread-self}).
     *
     * @param givenName the {@code -N} name, or null to look the namespace up
     */
    public static HostFacts current(String toolVersion, String givenName) {
        long inode = namespaceInode(Path.of("/proc/thread-self/ns/net"));
        String name = givenName != null ? givenName : nameOf(inode);
        ProcSysctls sysctls = new ProcSysctls(Path.of("/proc"));
        return new HostFacts(toolVersion, sysctls.read("kernel.hostname").orElse(null),
                sysctls.read("kernel.osrelease").orElse(null), inode, name);
    }

    /** The inode in a namespace link's text, {@code net:[4026531840]}. */
    static long namespaceInode(Path link) {
        try {
            String target = Files.readSymbolicLink(link).toString();
            int open = target.indexOf('[');
            int close = target.indexOf(']', open + 1);
            return open >= 0 && close > open ? Long.parseLong(target.substring(open + 1, close)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The name ip netns gave the namespace with this inode: its bind mount under /run/netns has that inode. */
    private static String nameOf(long inode) {
        if (inode == 0 || !Files.isDirectory(NAMED_NAMESPACES)) {
            return null;
        }
        try (DirectoryStream<Path> names = Files.newDirectoryStream(NAMED_NAMESPACES)) {
            for (Path p : names) {
                Object ino = Files.getAttribute(p, "unix:ino");
                if (ino instanceof Number n && n.longValue() == inode) {
                    return p.getFileName().toString();
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
