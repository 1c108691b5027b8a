package io.sockscope.netns;

import io.sockscope.kernel.NetworkNamespace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Tells whether a file is a network namespace, and which: a file of nsfs (the device of the calling thread's own
 * {@code ns/net}) whose type the kernel says is {@code CLONE_NEWNET}. Asking the kernel means opening the file
 * ({@link NetworkNamespace#kindOf}); a caller that already knows an inode to be a network namespace's (from a
 * {@code net:[N]} link or mount) spares that.
 */
final class NamespaceFiles {
    /** Returned when a file is not a network namespace, or is gone. */
    static final long NONE = NsfsName.NONE;

    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;

    /** What to conclude when the kernel cannot be asked (no native access): the file's directory decides. */
    enum WhenUnsure {
        /** Take an nsfs file for a network namespace: where the convention is that only those are kept. */
        NETWORK,
        /** Take it for none. */
        NONE
    }

    private final long nsfsDevice;

    /** @param nsfsDevice nsfs's device number ({@code st_dev}), or -1 when unknown: then no file is a namespace */
    NamespaceFiles(long nsfsDevice) {
        this.nsfsDevice = nsfsDevice;
    }

    /** nsfs's device number, from a file known to be on it (a {@code ns/net} link, followed); -1 when unreadable. */
    static long nsfsDevice(Path namespaceLink) {
        try {
            return ((Number) Files.getAttribute(namespaceLink, "unix:dev")).longValue();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The inode of the network namespace {@code file} refers to (following links), or {@link #NONE} when it is none
     * or has gone.
     *
     * @param knownNetwork inodes already known to be network namespaces, for which the kernel is not asked
     * @throws java.nio.file.AccessDeniedException when the file is not ours to look at
     */
    long networkInode(Path file, LongPredicate knownNetwork, WhenUnsure whenUnsure) throws IOException {
        if (nsfsDevice < 0) {
            return NONE;
        }
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(file, "unix:dev,ino,mode");
        } catch (NoSuchFileException e) {
            return NONE;
        }
        long device = ((Number) attributes.get("dev")).longValue();
        int mode = ((Number) attributes.get("mode")).intValue();
        if (device != nsfsDevice || (mode & S_IFMT) != S_IFREG) {
            return NONE;
        }
        long inode = ((Number) attributes.get("ino")).longValue();
        if (knownNetwork.test(inode)) {
            return inode;
        }
        NetworkNamespace.FileKind kind = kindOf(file);
        if (kind == null) {
            return whenUnsure == WhenUnsure.NETWORK ? inode : NONE;
        }
        return kind == NetworkNamespace.FileKind.NETWORK_NAMESPACE ? inode : NONE;
    }

    /** The kernel's answer, or null when it cannot be asked here; {@code NOT_A_NAMESPACE} when the file has gone. */
    private static NetworkNamespace.FileKind kindOf(Path file) {
        try {
            return NetworkNamespace.kindOf(file);
        } catch (NetworkNamespace.EnterException e) {
            return NetworkNamespace.FileKind.NOT_A_NAMESPACE;
        } catch (LinkageError | IllegalCallerException | UnsupportedOperationException e) {
            return null;
        }
    }
}
