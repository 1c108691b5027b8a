package io.sockscope.diagnose;

import io.sockscope.model.Owner;
import io.sockscope.model.UnixSocket;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code UNIX_PATH_TOO_LONG}: a path no client can connect by, whatever the file system holds. connect(2) takes
 * the path inside {@code struct sockaddr_un}, whose {@code sun_path} has 108 bytes with the terminating NUL; a
 * file name has at most 255 bytes (NAME_MAX) and a path at most 4095 (PATH_MAX with its NUL). A server can
 * still listen at a longer path, by binding a relative name from inside its directory: the kernel then lists
 * the socket under that short name, and the file is where nobody can reach it by its full path.
 */
final class UnixPathLengthCheck {
    /** Bytes of a path {@code sun_path} holds, without the terminating NUL most clients insist on. */
    static final int SUN_PATH_MAX = 107;
    private static final int NAME_MAX = 255;
    private static final int PATH_MAX = 4095;

    private UnixPathLengthCheck() {
    }

    /**
     * Whether no socket can exist under this name at all (a file name or path longer than the kernel allows, an
     * abstract name longer than an address holds): the other path checks have nothing to add then.
     */
    static boolean cannotExist(UnixTarget target) {
        if (target.isAbstract()) {
            return bytes(target.path()) - 1 > SUN_PATH_MAX;
        }
        return longestComponent(target.path()) > NAME_MAX || bytes(target.path()) > PATH_MAX;
    }

    static List<Finding> run(UnixTarget target, Snapshot snapshot, List<UnixSocket> bound) {
        if (target.isAbstract()) {
            int length = bytes(target.path()) - 1; // without the "@" that stands for the leading NUL
            if (length <= SUN_PATH_MAX) {
                return List.of();
            }
            return List.of(new Finding(FindingCode.UNIX_PATH_TOO_LONG, Severity.ERROR,
                    "the abstract name " + target.path() + " is " + length + " bytes long, more than an abstract"
                            + " socket address holds (" + SUN_PATH_MAX + " bytes): no socket can have it",
                    List.of(new Evidence.Fact("sun_path has 108 bytes, the first of them the NUL that marks an"
                            + " abstract name")),
                    "Point the client at the name the service binds; an abstract name has at most " + SUN_PATH_MAX
                            + " bytes."));
        }
        String path = target.path();
        int length = bytes(path);
        int component = longestComponent(path);
        if (length <= SUN_PATH_MAX) {
            return List.of();
        }
        String addressLimit = "a unix socket address holds at most " + SUN_PATH_MAX + " bytes of path (sun_path:"
                + " 108 bytes with the terminating NUL), so connect(2) cannot even be asked (clients fail with"
                + " \"AF_UNIX path too long\" or EINVAL)";
        if (component > NAME_MAX || length > PATH_MAX) {
            String why = component > NAME_MAX
                    ? "its component " + componentIndex(path, component) + " is " + component + " bytes long, and a"
                    + " file name has at most " + NAME_MAX + " bytes (ENAMETOOLONG)"
                    : "it is " + length + " bytes long, and a path has at most " + PATH_MAX + " (ENAMETOOLONG)";
            return List.of(new Finding(FindingCode.UNIX_PATH_TOO_LONG, Severity.ERROR,
                    path + " cannot exist: " + why,
                    List.of(new Evidence.Fact("the path is " + length + " bytes long, and " + addressLimit)),
                    "Point the client at the socket's real path; no file can have this one (a path pasted twice,"
                            + " or cut in the wrong place?)."));
        }
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence.Fact(addressLimit));
        String owner = null;
        if (!bound.isEmpty()) {
            List<Owner> owners = UnixPathCheck.owners(bound, snapshot);
            owner = OwnerText.of(owners);
            String name = SocketFacts.unixName(bound.getFirst());
            if (name != null && !name.startsWith("/") && !name.startsWith("@")) {
                evidence.add(new Evidence.Fact(owner + " bound it by the relative name " + name + ", from inside its"
                        + " directory: the listener works, but only a client in that directory can reach it by"
                        + " that name"));
            } else {
                evidence.add(new Evidence.Fact(owner + " listens on it"));
            }
            evidence.add(new Evidence.Sockets(UnixPathCheck.sightings(bound, snapshot)));
        }
        Path file = Path.of(path);
        String shortcut = "/run/" + (file.getFileName() == null ? "app.sock" : file.getFileName());
        String reach = "let clients reach it through a shorter path: a symbolic link (ln -s " + path + " " + shortcut
                + "), or its name relative to its directory, connecting from inside it.";
        String fix = (owner != null ? "Make " + owner + " create its socket at" : "Give the socket")
                + " a path of at most " + SUN_PATH_MAX + " bytes (under /run, for instance), or " + reach;
        return List.of(new Finding(FindingCode.UNIX_PATH_TOO_LONG, Severity.ERROR,
                path + " is " + length + " bytes long, more than a unix socket address holds (" + SUN_PATH_MAX
                        + " bytes): no client can connect by this path",
                evidence, fix));
    }

    /**
     * Paths are bytes to the kernel; the command line gave these as text, which a UTF-8 system passes on as
     * UTF-8.
     */
    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int longestComponent(String path) {
        int longest = 0;
        for (String part : path.split("/")) {
            longest = Math.max(longest, bytes(part));
        }
        return longest;
    }

    /** The 1-based position of the first component of {@code length} bytes, counting only non-empty ones. */
    private static int componentIndex(String path, int length) {
        int index = 0;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            index++;
            if (bytes(part) == length) {
                return index;
            }
        }
        return index;
    }
}
