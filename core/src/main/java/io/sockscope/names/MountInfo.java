package io.sockscope.names;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a mountinfo file ({@code /proc/PID/mountinfo}, proc(5)): the fields a mount is looked up by.
 * Unlike {@code /proc/mounts}, which ss reads and {@link MountTable} reads as ss does, it gives each mount's
 * root within its file system, which for an nsfs mount names the namespace it pins ({@code net:[4026532177]}).
 *
 * <p>A line reads {@code ID PARENT MAJOR:MINOR ROOT MOUNT_POINT OPTIONS [OPTIONAL...] - TYPE SOURCE SUPER_OPTIONS};
 * the kernel escapes a space, tab, newline or backslash in a field as {@code \ooo}, which is undone here, and the
 * bytes are read as the JDK names files ({@code sun.jnu.encoding}), so that {@link Path#of} of a mount point
 * names that file whenever the JDK can name it at all.
 *
 * @param mountId        the mount's id
 * @param parentId       the id of the mount it is mounted on
 * @param root           the path within its file system that is mounted, unescaped
 * @param mountPoint     where it is mounted, relative to the reader's root, unescaped
 * @param fileSystemType the file system type ({@code nsfs}, {@code ext4}, …), with any subtype ({@code fuse.sshfs})
 * @param source         the mount source ({@code /dev/sda1}, {@code none}), unescaped
 */
public record MountInfo(int mountId, int parentId, String root, String mountPoint, String fileSystemType,
                        String source) {

    /** The field after the optional ones, which ends them. */
    private static final String SEPARATOR = " - ";

    /**
     * Parses one line, without its newline, given as its bytes one {@code char} each (as ISO 8859-1 decodes them).
     *
     * @return the mount, or null when the line does not have mountinfo's shape
     */
    public static MountInfo parse(String line) {
        return parse(line, FileNameCharset.CHARSET);
    }

    /**
     * The mounts of file system type {@code fileSystemType} in a mountinfo file, in its order (the order they were
     * mounted in); lines of other types are passed over without being parsed past their type, and lines that do
     * not have mountinfo's shape are skipped.
     *
     * @throws IOException when the file cannot be read
     */
    public static List<MountInfo> read(Path file, String fileSystemType) throws IOException {
        // Bytes as chars one for one: the escapes are undone, and the names decoded, field by field.
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        List<MountInfo> mounts = new ArrayList<>();
        for (int start = 0; start < text.length(); ) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            if (typeIs(text, start, end, fileSystemType)) {
                MountInfo mount = parse(text.substring(start, end), FileNameCharset.CHARSET);
                if (mount != null) {
                    mounts.add(mount);
                }
            }
            start = end + 1;
        }
        return mounts;
    }

    /** Whether the line {@code text[start, end)} has type {@code type}: the field right after the separator. */
    private static boolean typeIs(String text, int start, int end, String type) {
        int separator = text.indexOf(SEPARATOR, start);
        if (separator < 0 || separator >= end) {
            return false;
        }
        int from = separator + SEPARATOR.length();
        int to = from + type.length();
        return to <= end && text.startsWith(type, from) && (to == end || text.charAt(to) == ' ');
    }

    private static MountInfo parse(String line, Charset charset) {
        List<String> fields = fields(line);
        int separator = fields.indexOf("-");
        // Six fixed fields come before the optional ones; type and source follow the separator.
        if (fields.size() < 9 || separator < 6 || separator + 2 >= fields.size()) {
            return null;
        }
        int mountId = decimal(fields.get(0));
        int parentId = decimal(fields.get(1));
        if (mountId < 0 || parentId < 0) {
            return null;
        }
        return new MountInfo(mountId, parentId, unescape(fields.get(3), charset), unescape(fields.get(4), charset),
                unescape(fields.get(separator + 1), charset), unescape(fields.get(separator + 2), charset));
    }

    /** The fields of a line, split at single spaces (the kernel writes no other separator). */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>(12);
        int start = 0;
        for (int space = line.indexOf(' '); space >= 0; space = line.indexOf(' ', start)) {
            fields.add(line.substring(start, space));
            start = space + 1;
        }
        fields.add(line.substring(start));
        return fields;
    }

    /** A non-negative decimal number, or -1. */
    private static int decimal(String text) {
        if (text.isEmpty() || text.length() > 9) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * A field with the kernel's {@code \ooo} escapes undone, its bytes (one per char of {@code field}) decoded
     * with {@code charset}. A backslash not followed by three octal digits is kept as it is.
     */
    static String unescape(String field, Charset charset) {
        if (field.indexOf('\\') < 0 && isAscii(field)) {
            return field;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && isOctal(field, i + 1)) {
                bytes.write(Integer.parseInt(field, i + 1, i + 4, 8));
                i += 3;
            } else {
                bytes.write(c);
            }
        }
        return new String(bytes.toByteArray(), charset);
    }

    private static boolean isOctal(String field, int from) {
        for (int i = from; i < from + 3; i++) {
            char c = field.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The character set the JDK names files in, looked up once. */
    private static final class FileNameCharset {
        static final Charset CHARSET = lookUp();

        private static Charset lookUp() {
            try {
                return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
            } catch (RuntimeException e) {
                return StandardCharsets.UTF_8;
            }
        }
    }
}
