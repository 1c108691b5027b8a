package io.sockscope.diagnose;

import io.sockscope.model.UnixSocket;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code UNIX_SOCKET_MISSING} (no file, or not a socket), {@code UNIX_SOCKET_NOT_LISTENING} (a socket
 * file whose server is gone: connect gets ECONNREFUSED) and {@code UNIX_PATH_UNRESOLVABLE} for a path whose
 * symbolic links never end (ELOOP).
 */
final class UnixPathCheck {
    private static final int MAX_LINKS_SHOWN = 8;

    private UnixPathCheck() {
    }

    static List<Finding> run(UnixTarget target, Snapshot snapshot, List<UnixSocket> bound,
                             List<Evidence> observations) {
        if (target.isAbstract()) {
            if (bound.isEmpty()) {
                return List.of(new Finding(FindingCode.UNIX_SOCKET_MISSING, Severity.ERROR,
                        "no socket is bound to the abstract name " + target.path(),
                        List.of(new Evidence.Fact("abstract names live in the network namespace; none of its unix"
                                + " sockets is bound to " + target.path())),
                        "Start the service that binds " + target.path() + " (in this network namespace)."));
            }
            return List.of();
        }
        PathStep last = snapshot.path().isEmpty() ? null : snapshot.path().getLast();
        String wanted = Path.of(target.path()).toAbsolutePath().normalize().toString();
        if (last == null) {
            return List.of();
        }
        if (last.problem() != null) {
            // Other reasons are the permission check's, or the doctor's last word (UnixAnswerCheck).
            return last.links().endless() ? List.of(endlessLinks(target, last)) : List.of();
        }
        if (last.facts() == null) {
            return List.of(missing(target, snapshot, bound, last, wanted));
        }
        if (!last.path().equals(wanted)) {
            return List.of(); // stopped early for another reason
        }
        if (last.facts().type() != FileFacts.Type.SOCKET) {
            return List.of(new Finding(FindingCode.UNIX_SOCKET_MISSING, Severity.ERROR,
                    target.path() + " exists but is " + kindOfFile(last.facts().type()) + ", not a socket",
                    List.of(new Evidence.Fact(PermissionText.lsLine(last))),
                    "Point the client at the socket's real path, or remove " + target.path()
                            + " and restart the service so that it can create its socket there."));
        }
        if (!bound.isEmpty()) {
            return List.of();
        }
        UnixConnectProbe.Result probe = snapshot.connectProbe();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence.Fact(PermissionText.lsLine(last)));
        evidence.add(new Evidence.Fact("no unix socket in this network namespace is bound to inode "
                + last.facts().inode() + " (" + target.path() + ")"));
        if (probe == UnixConnectProbe.Result.REFUSED) {
            evidence.add(new Evidence.Fact("connect(2) to it: ECONNREFUSED"));
            return List.of(new Finding(FindingCode.UNIX_SOCKET_NOT_LISTENING, Severity.ERROR,
                    target.path() + " is a socket file nobody listens on: its server exited without removing it",
                    evidence,
                    "Restart the service that owns " + target.path() + "; most remove a stale socket file when they"
                            + " start (if it does not, delete the file first)."));
        }
        if (probe == UnixConnectProbe.Result.CONNECTED) {
            observations.add(new Evidence.Fact("connect(2) to " + target.path() + " succeeded: its listener runs in"
                    + " another network namespace (a container?), so its owner is not listed here"));
        } else if (probe == UnixConnectProbe.Result.WRONG_TYPE) {
            observations.add(new Evidence.Fact("connect(2) with a stream socket: EPROTOTYPE, a datagram socket is"
                    + " bound there in another network namespace"));
        }
        return List.of();
    }

    /** The kind of file with its article, for a sentence. */
    private static String kindOfFile(FileFacts.Type type) {
        return switch (type) {
            case SOCKET -> "a socket";
            case DIRECTORY -> "a directory";
            case REGULAR -> "a regular file";
            case SYMLINK -> "a symbolic link";
            case OTHER -> "a special file (a FIFO or a device)";
        };
    }

    private static Finding endlessLinks(UnixTarget target, PathStep step) {
        LinkChain chain = step.links();
        List<Evidence> evidence = new ArrayList<>();
        List<LinkChain.Link> links = chain.links();
        for (LinkChain.Link link : links.subList(0, Math.min(links.size(), MAX_LINKS_SHOWN))) {
            evidence.add(new Evidence.Fact(link.describe()));
        }
        if (chain.loop() != null) {
            evidence.add(new Evidence.Fact("which leads back to " + chain.loop()));
        } else {
            evidence.add(new Evidence.Fact("… and on, past the kernel's limit of " + LinkChain.MAX_LINKS
                    + " symbolic links in one path"));
        }
        evidence.add(new Evidence.Fact(step.problem()));
        // The link that closes the loop is the one most likely pointed at the wrong place.
        String last = links.get(Math.min(links.size(), LinkChain.MAX_LINKS) - 1).path();
        String first = links.getFirst().path();
        String which = last.equals(first) ? last : last + " (or " + first + ")";
        return new Finding(FindingCode.UNIX_PATH_UNRESOLVABLE, Severity.ERROR,
                target.path() + " cannot be resolved: its symbolic links " + (chain.loop() != null ? "form a loop"
                        : "go on past the kernel's limit") + ", so connect(2) fails with ELOOP",
                evidence,
                "Point " + which + " at the socket's real path (ln -sfn REAL-PATH " + last + "), or point the client"
                        + " at the real path.");
    }

    private static Finding missing(UnixTarget target, Snapshot snapshot, List<UnixSocket> bound, PathStep last,
                                   String wanted) {
        List<Evidence> evidence = new ArrayList<>();
        List<PathStep> steps = snapshot.path();
        if (steps.size() >= 2) {
            PathStep parent = steps.get(steps.size() - 2);
            evidence.add(new Evidence.Fact(PermissionText.lsLine(parent)));
        }
        if (!last.path().equals(wanted)) {
            evidence.add(new Evidence.Fact(last.path() + " does not exist either"));
        }
        String fix = "Start the service that creates " + target.path() + " (the file appears when it binds), or"
                + " point the client at the path the service uses.";
        if (!bound.isEmpty()) {
            evidence.add(new Evidence.Fact("a socket is still bound to this name, but its file was deleted: no one"
                    + " can connect to it any more"));
            evidence.add(new Evidence.Sockets(sightings(bound, snapshot)));
            fix = "Restart " + OwnerText.of(owners(bound, snapshot)) + " so that it creates " + target.path()
                    + " again, and find what deleted it (a tmp cleaner, a second instance).";
        }
        String fileName = Path.of(wanted).getFileName() == null ? "" : Path.of(wanted).getFileName().toString();
        List<UnixSocket> sameName = snapshot.unix().stream().filter(SocketFacts::isUnixListener)
                .filter(u -> {
                    String n = SocketFacts.unixName(u);
                    return n != null && !n.startsWith("@") && !n.equals(wanted) && n.endsWith("/" + fileName);
                })
                .toList();
        if (!sameName.isEmpty()) {
            String where = sameName.stream().map(SocketFacts::unixName).distinct()
                    .collect(java.util.stream.Collectors.joining(", "));
            evidence.add(new Evidence.Fact("a socket with the same name listens at " + where));
            evidence.add(new Evidence.Sockets(sightings(sameName, snapshot)));
            if (bound.isEmpty()) {
                fix = "Point the client at " + where + ", or configure "
                        + OwnerText.of(owners(sameName, snapshot)) + " to create its socket in "
                        + Path.of(wanted).getParent() + "."
                        + FixText.daemonSettings(owners(sameName, snapshot), DaemonAdvice.Daemon::unixPath, 0);
            }
        }
        return new Finding(FindingCode.UNIX_SOCKET_MISSING, Severity.ERROR, target.path() + " does not exist",
                evidence, fix);
    }

    static List<SocketSighting> sightings(List<UnixSocket> sockets, Snapshot snapshot) {
        return sockets.stream().map(u -> new SocketSighting(u, snapshot.ownersOf(u.inode()))).toList();
    }

    static List<io.sockscope.model.Owner> owners(List<UnixSocket> sockets, Snapshot snapshot) {
        return sockets.stream().flatMap(u -> snapshot.ownersOf(u.inode()).stream()).toList();
    }
}
