package io.sockscope.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;

/**
 * Files named by bytes, as Linux names them. The JDK names files in the locale's character set
 * ({@code sun.jnu.encoding}): under {@code LC_ALL=C} that is ASCII, and in no locale can it express a name that
 * is not valid in it. A name the JDK can express becomes an ordinary {@link Path}; any other is opened by its
 * bytes and reached through {@code /proc/self/fd/N}, which the JDK can always name. Such a descriptor stays
 * open for the life of the process: a command line names a handful of files, and the path must keep working
 * for as long as the caller holds it.
 */
public final class BytePaths {
    private static final String DESCRIPTORS = "/proc/self/fd/";
    private static final int MODE_RW_ALL = 0666;

    private BytePaths() {
    }

    /**
     * A path the JDK can open for the file {@code name} names: the ordinary path when the locale's character set
     * can express the name, otherwise its descriptor's path.
     *
     * @throws IOException with the C library's message when a name the JDK cannot express cannot be opened
     */
    public static Path reachable(byte[] name) throws IOException {
        String text = expressible(name);
        if (text != null) {
            return Path.of(text);
        }
        int fd = (int) NativeLayer.syscalls().openat(Syscalls.AT_FDCWD, name, Syscalls.O_PATH | Syscalls.O_CLOEXEC);
        if (fd < 0) {
            throw new IOException(Errno.message(-fd));
        }
        return Path.of(DESCRIPTORS + fd);
    }

    /**
     * Creates (or truncates) the file {@code name} names for writing, as {@code fopen(name, "w")} does, and returns
     * a path the JDK can open it by: the ordinary path when the locale's character set can express the name (the
     * JDK then creates the file itself), otherwise its descriptor's path.
     *
     * @throws IOException with the C library's message when the file cannot be created
     */
    public static Path created(byte[] name) throws IOException {
        String text = expressible(name);
        if (text != null) {
            return Path.of(text);
        }
        int fd = (int) NativeLayer.syscalls().createFile(Syscalls.AT_FDCWD, name,
                Syscalls.O_WRONLY | Syscalls.O_CREAT | Syscalls.O_TRUNC | Syscalls.O_CLOEXEC, MODE_RW_ALL);
        if (fd < 0) {
            throw new IOException(Errno.message(-fd));
        }
        return Path.of(DESCRIPTORS + fd);
    }

    /**
     * Removes the file {@code name} names when the JDK cannot name it itself ({@link #expressible} is null).
     *
     * @throws IOException with the C library's message when it cannot be removed
     */
    public static void unlink(byte[] name) throws IOException {
        long result = NativeLayer.syscalls().unlinkat(Syscalls.AT_FDCWD, name, 0);
        if (result < 0) {
            throw new IOException(Errno.message((int) -result));
        }
    }

    /** The name as text the JDK turns back into exactly these bytes, or null when there is none. */
    public static String expressible(byte[] name) {
        Charset charset = jnuCharset();
        try {
            String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(name)).toString();
            return text.indexOf('\0') < 0 ? text : null;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Charset jnuCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }
}
