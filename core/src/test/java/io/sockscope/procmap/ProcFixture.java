package io.sockscope.procmap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A hand-made process tree in a temporary directory, shaped like {@code /proc} as far as the owner scan
 * looks at it: {@code <root>/<pid>/fd/<n>} symbolic links, {@code <root>/<pid>/stat} files and
 * {@code <root>/<pid>/task/<tid>} directories. Like a real tree, a thread must also be reachable as
 * {@code <root>/<tid>}; unlike /proc, such a directory also shows up when the root is listed. Closing the
 * fixture deletes the tree (links themselves, never what they point at).
 */
final class ProcFixture implements AutoCloseable {
    private final Path root;

    private ProcFixture(Path root) {
        this.root = root;
    }

    /** An empty tree in a new temporary directory. */
    static ProcFixture create() throws IOException {
        return new ProcFixture(Files.createTempDirectory("procmap-fixture"));
    }

    @Override
    public void close() throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    Path root() {
        return root;
    }

    /** Creates {@code <root>/<pid>/fd/} and a stat file naming {@code command}. */
    ProcFixture process(int pid, String command) {
        mkdirs(root.resolve(pid + "/fd"));
        write(pid + "/stat", pid + " (" + command + ") S 1 " + pid + " " + pid + " 0 -1 4194560 0 0 0 0\n");
        return this;
    }

    /** Adds descriptor {@code fd} of task {@code id} pointing at {@code socket:[inode]}. */
    ProcFixture socket(int id, int fd, long inode) {
        return link(id, Integer.toString(fd), "socket:[" + inode + "]");
    }

    /** Adds an entry named {@code name} in {@code <root>/<id>/fd/} linking to {@code target}. */
    ProcFixture link(int id, String name, String target) {
        Path dir = root.resolve(id + "/fd");
        mkdirs(dir);
        try {
            Files.createSymbolicLink(dir.resolve(name), Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Lists {@code tid} in {@code <root>/<pid>/task/}. */
    ProcFixture thread(int pid, int tid) {
        mkdirs(root.resolve(pid + "/task/" + tid));
        return this;
    }

    /** Writes {@code content} to {@code <root>/<relative>}, creating directories on the way. */
    ProcFixture write(String relative, String content) {
        Path file = root.resolve(relative);
        mkdirs(file.getParent());
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    ProcFixture mkdir(String relative) {
        mkdirs(root.resolve(relative));
        return this;
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
