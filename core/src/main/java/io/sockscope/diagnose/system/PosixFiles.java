package io.sockscope.diagnose.system;

import io.sockscope.diagnose.FileFacts;
import io.sockscope.diagnose.FileProvider;
import io.sockscope.diagnose.ProviderException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** stat(2) through the JDK's {@code unix} attribute view, readlink(2) through {@link Files#readSymbolicLink}. */
public final class PosixFiles implements FileProvider {
    private static final int S_IFMT = 0170000;

    @Override
    public Optional<FileFacts> stat(String path) throws ProviderException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(Path.of(path), "unix:mode,uid,gid,ino,dev");
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        } catch (AccessDeniedException e) {
            throw new ProviderException("permission denied (a directory on the way is not searchable by the"
                    + " doctor)", e);
        } catch (FileSystemException e) {
            // The reason alone: the exception's message repeats the path.
            throw new ProviderException("cannot stat " + path + ": " + e.getReason(), e);
        } catch (IOException | UnsupportedOperationException e) {
            throw new ProviderException("cannot stat " + path + ": " + e.getMessage(), e);
        }
        int mode = (Integer) a.get("mode");
        FileFacts.Type type = switch (mode & S_IFMT) {
            case 0140000 -> FileFacts.Type.SOCKET;
            case 0040000 -> FileFacts.Type.DIRECTORY;
            case 0100000 -> FileFacts.Type.REGULAR;
            case 0120000 -> FileFacts.Type.SYMLINK;
            default -> FileFacts.Type.OTHER;
        };
        return Optional.of(new FileFacts(path, type, mode & 07777, (Integer) a.get("uid"), (Integer) a.get("gid"),
                (Long) a.get("ino"), (Long) a.get("dev")));
    }

    @Override
    public Optional<String> readLink(String path) throws ProviderException {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of(path)).toString());
        } catch (NotLinkException | NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            throw new ProviderException("cannot read the link " + path + ": " + e.getMessage(), e);
        }
    }
}
