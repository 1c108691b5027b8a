package io.sockscope.diagnose;

/**
 * A unix socket: a filesystem path, or an abstract name written with a leading {@code @}.
 *
 * @param path the path as given (relative paths are relative to the doctor's working directory)
 */
public record UnixTarget(String path) implements Target {
    public UnixTarget {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("empty unix socket path");
        }
    }

    /** Whether this names an abstract socket (no file; {@code @name}). */
    public boolean isAbstract() {
        return path.startsWith("@");
    }

    @Override
    public String describe() {
        return "unix:" + path;
    }
}
