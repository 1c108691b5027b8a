package io.sockscope.procmap;

import io.sockscope.model.ProcessName;

/**
 * One thread's window on a {@link ProcTree}, holding that thread's scratch buffers. Listings return ids
 * in the directory's own order (readdir order), parsed as ss parses them; entries whose names do not
 * start with a number are left out.
 */
interface ProcSession extends AutoCloseable {

    /** The numeric entries of the root; empty when the root cannot be read. */
    IntList listProcesses();

    /** The numeric entries of {@code <root>/<pid>/task}; empty when it cannot be read. */
    IntList listThreads(int pid);

    /**
     * Opens {@code <root>/<id>/fd} and lists its numeric entries.
     *
     * @return the open directory, or {@code null} when it cannot be opened (vanished, forbidden)
     */
    FdDirectory openFdDirectory(int id);

    /** Releases a directory opened by any session of the same tree. */
    void closeFdDirectory(FdDirectory directory);

    /**
     * Reads the link {@code fd} inside {@code directory}.
     *
     * @return the socket inode (1..2^32-1) when the link reads {@code socket:[N]}, else 0
     */
    long socketInode(FdDirectory directory, int fd);

    /**
     * Reads the link {@code fd} inside {@code directory} into {@code target}, whatever it names; a refusal marks
     * the directory forbidden, as {@link #socketInode} does.
     *
     * @return the target's length (a longer target is cut at {@code target.length}), or {@code -errno}
     */
    int readLink(FdDirectory directory, int fd, byte[] target);

    /**
     * Reads the link {@code <root>/<pid>/<relativePath>} into {@code target} ({@code ns/net}, say).
     *
     * @return the target's length (a longer target is cut at {@code target.length}), or {@code -errno}
     */
    int readProcessLink(int pid, String relativePath, byte[] target);

    /**
     * The command name from {@code <root>/<id>/stat}: the text after the first "(" up to the next ")".
     *
     * @return the name's bytes, or the empty name when the file cannot be read or does not have that shape
     */
    ProcessName readCommand(int id);

    @Override
    void close();
}
