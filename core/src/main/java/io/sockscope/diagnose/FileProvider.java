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
}
