package io.sockscope.procmap;

import io.sockscope.kernel.Errno;
import io.sockscope.model.ProcessName;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.Collection;

/**
 * {@link ProcTree} over {@code java.nio.file}: portable and simple, but it allocates a {@code Path} and a
 * {@code String} per descriptor. Used where the native calls are unavailable, and as the yardstick the
 * native tree is measured against.
 */
final class NioProcTree implements ProcTree {
    /** Longest stat file read when looking for the command name; real ones put it within 64 bytes. */
    private static final int STAT_LIMIT = 4096;

    private final Path root;
    private final Collection<String> problems;

    /** A tree at {@code root}; when the root cannot be listed, the reason is added to {@code problems}. */
    NioProcTree(Path root, Collection<String> problems) {
        this.root = root;
        this.problems = problems;
    }

    @Override
    public ProcSession openSession() {
        return new Session();
    }

    @Override
    public void close() {
        // Nothing is held open between calls.
    }

    private final class Session implements ProcSession {
        @Override
        public IntList listProcesses() {
            IntList ids = new IntList(512);
            try {
                readIds(root, ids);
            } catch (IOException e) {
                problems.add("cannot open " + root + ": " + e);
            }
            return ids;
        }

        @Override
        public IntList listThreads(int pid) {
            return listIds(root.resolve(Integer.toString(pid)).resolve("task"));
        }

        @Override
        public FdDirectory openFdDirectory(int id) {
            Path dir = root.resolve(Integer.toString(id)).resolve("fd");
            IntList fds = new IntList(16);
            try {
                readIds(dir, fds);
            } catch (IOException e) {
                return null;
            }
            return new NioFdDirectory(dir, fds);
        }

        @Override
        public void closeFdDirectory(FdDirectory directory) {
            // The stream was closed after listing; links are read by path.
        }

        @Override
        public long socketInode(FdDirectory directory, int fd) {
            Path link = ((NioFdDirectory) directory).path.resolve(Integer.toString(fd));
            try {
                byte[] target = Files.readSymbolicLink(link).toString().getBytes(StandardCharsets.UTF_8);
                return SocketLink.inodeOf(target, target.length);
            } catch (AccessDeniedException e) {
                directory.forbid();
                return 0;
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return 0; // gone, not a link, or not ours to read
            }
        }

        @Override
        public int readLink(FdDirectory directory, int fd, byte[] target) {
            int length = readLinkInto(((NioFdDirectory) directory).path.resolve(Integer.toString(fd)), target);
            if (length == -Errno.EACCES) {
                directory.forbid();
            }
            return length;
        }

        @Override
        public int readProcessLink(int pid, String relativePath, byte[] target) {
            return readLinkInto(root.resolve(Integer.toString(pid)).resolve(relativePath), target);
        }

        @Override
        public ProcessName readCommand(int id) {
            Path stat = root.resolve(Integer.toString(id)).resolve("stat");
            try (InputStream in = Files.newInputStream(stat)) {
                byte[] content = in.readNBytes(STAT_LIMIT);
                return StatCommand.parse(content, content.length);
            } catch (IOException | SecurityException e) {
                return ProcessName.EMPTY;
            }
        }

        @Override
        public void close() {
            // No per-thread resources.
        }
    }

    /** The target of {@code link} in {@code target} (cut at its length): its length, or the errno a readlink gives. */
    private static int readLinkInto(Path link, byte[] target) {
        try {
            byte[] bytes = Files.readSymbolicLink(link).toString().getBytes(StandardCharsets.UTF_8);
            int length = Math.min(bytes.length, target.length);
            System.arraycopy(bytes, 0, target, 0, length);
            return length;
        } catch (AccessDeniedException e) {
            return -Errno.EACCES;
        } catch (NotLinkException e) {
            return -Errno.EINVAL;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return -Errno.ENOENT; // gone, or unreadable in a way a scan treats as gone
        }
    }

    private static IntList listIds(Path dir) {
        IntList ids = new IntList(64);
        try {
            readIds(dir, ids);
        } catch (IOException e) {
            // Gone or forbidden: nothing to list.
        }
        return ids;
    }

    /** Adds the numeric entries of {@code dir} to {@code ids}; throws when it cannot be opened at all. */
    private static void readIds(Path dir, IntList ids) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                byte[] name = entry.getFileName().toString().getBytes(StandardCharsets.UTF_8);
                long id = ScanfNumbers.parseInt(name, 0, name.length);
                if (id != ScanfNumbers.NO_NUMBER) {
                    ids.add((int) id);
                }
            }
        } catch (DirectoryIteratorException e) {
            // A listing cut short keeps what it had, as readdir would.
        } catch (SecurityException e) {
            throw new IOException(e);
        }
    }

    private static final class NioFdDirectory extends FdDirectory {
        final Path path;

        NioFdDirectory(Path path, IntList fds) {
            super(fds);
            this.path = path;
        }
    }
}
