package io.sockscope.diagnose;

import java.util.Optional;

/** File metadata, for unix socket paths and their directories. */
@FunctionalInterface
public interface FileProvider {
    /**
     * What stat(2) says about {@code path} (symbolic links followed, as connect(2) follows them), or empty
     * when it does not exist.
     *
     * @throws ProviderException when it exists but cannot be examined (a directory on the way is not searchable)
     */
    Optional<FileFacts> stat(String path) throws ProviderException;

    /**
     * Where the symbolic link {@code path} points (readlink(2); the last component is not followed), or empty
     * when it is not a symbolic link. Used only to explain a path that cannot be resolved.
     *
     * @throws ProviderException when it cannot be read
     */
    default Optional<String> readLink(String path) throws ProviderException {
        return Optional.empty();
    }
}
