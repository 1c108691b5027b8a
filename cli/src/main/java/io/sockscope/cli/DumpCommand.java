package io.sockscope.cli;

import io.sockscope.kernel.BytePaths;
import io.sockscope.model.SocketTable;
import io.sockscope.netlink.NetlinkHeader;
import io.sockscope.source.DumpKind;
import io.sockscope.source.DumpRequest;
import io.sockscope.source.NetlinkSource;
import io.sockscope.source.SourceException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code -D FILE}: writes the kernel's raw reply to ss's TCP dump request, datagram after datagram as
 * received (the request of each family in turn, each reply with its {@code NLMSG_DONE}), which is the file
 * format {@code ss -D} writes and {@code TCPDIAG_FILE} replays. As in ss the dump honours the tables,
 * families and states of the command line but not the filter expression, which is not even read, and
 * nothing else is printed. A name starting with '-' writes to stdout.
 */
final class DumpCommand {
    private final ListingOptions options;
    private final String file;
    private final byte[] fileBytes;
    private final PrintStream err;

    DumpCommand(ListingOptions options, String file, PrintStream err) {
        this(options, file, file.getBytes(StandardCharsets.UTF_8), err);
    }

    /** {@code file} as typed, and its bytes, by which it is opened (see {@link BytePaths}). */
    DumpCommand(ListingOptions options, String file, byte[] fileBytes, PrintStream err) {
        this.options = options;
        this.file = file;
        this.fileBytes = fileBytes.clone();
        this.err = err;
    }

    private UsageException cannotOpen(String why, int exitCode) {
        return new UsageException("cannot open dump file " + file + ": " + why, exitCode, false);
    }

    int run(OutputStream stdout) throws IOException, UsageException {
        TableSelection sel = options.selection();
        String empty = emptySelection(sel);
        if (empty != null) {
            err.println("sockscope: " + empty);
            return 0;
        }
        if (!SocketTable.TCP.in(sel.tables)) {
            err.println("sockscope: tcpdiag dump requested and no tcp in filter.");
            return 0;
        }
        if (file.isEmpty()) {
            // ss takes -D '' without a word and dumps nothing; say why nothing was written.
            err.println("sockscope: -D '' names no file: nothing dumped");
            return 0;
        }
        boolean toStdout = file.startsWith("-");
        // ss 6.1 goes on without the file and exits 0, 7.x stops with 255 ("fopen dump file"): sockscope stops
        // and says why in both, with 1 in the 6.1 dialect.
        int cannotOpen = options.dialect().failsOnAnUnopenableDumpFile() ? UsageException.SS_USAGE_EXIT : 1;
        OutputStream out;
        try {
            out = toStdout ? stdout
                    : OutputFailure.naming("dump file " + file, Files.newOutputStream(BytePaths.created(fileBytes)));
        } catch (NoSuchFileException e) {
            throw cannotOpen("No such file or directory", cannotOpen);
        } catch (AccessDeniedException e) {
            throw cannotOpen("Permission denied", cannotOpen);
        } catch (IOException | RuntimeException e) {
            throw cannotOpen(e.getMessage(), cannotOpen);
        }
        try {
            // ss asks for the same attributes as for a listing (-m, -i, --tos, -e), and the dump holds them.
            io.sockscope.render.ExtendedOutput extended = options.extended();
            DumpRequest request = new DumpRequest(sel.tables, sel.states, sel.families, sel.preferredFamily,
                    extended.memory(), extended.tcpInfo(), extended.tos(), extended.inetSockopt(),
                    extended.details() || extended.bpf(),
                    null);
            NetlinkSource.recording((datagram, length) -> write(out, datagram, length)).dump(DumpKind.TCP, request, socket -> { },
                    message -> err.println("sockscope: warning: " + message));
            out.flush();
            return 0;
        } catch (UncheckedIOException e) {
            if (!toStdout) {
                removePartial(out);
            }
            throw e.getCause();
        } catch (OutputFailure e) {
            if (!toStdout) {
                removePartial(out);
            }
            throw e;
        } catch (SourceException e) {
            out.flush();
            err.println("sockscope: " + e.getMessage());
            return 1;
        } finally {
            if (!toStdout) {
                out.close();
            }
        }
    }

    /**
     * Removes a dump file whose writing failed, so that a cut dump never passes for a whole one; a device or
     * a pipe named by -D (/dev/full, a FIFO) is left alone.
     */
    private void removePartial(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // Closing is only for the removal; the write error is what gets reported.
        }
        try {
            String name = BytePaths.expressible(fileBytes);
            if (name != null) {
                Path path = Path.of(name);
                if (Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(path);
                    err.println("sockscope: removed the incomplete dump file " + file);
                }
            } else if (Files.isRegularFile(BytePaths.reachable(fileBytes))) {
                // The descriptor's path leads to the file; the name itself is removed by its bytes.
                BytePaths.unlink(fileBytes);
                err.println("sockscope: removed the incomplete dump file " + file);
            }
        } catch (IOException | RuntimeException e) {
            err.println("sockscope: the dump file " + file + " is incomplete and could not be removed: "
                    + e.getMessage());
        }
    }

    /** ss's complaint about a selection with nothing in it, or null. */
    static String emptySelection(TableSelection sel) {
        if (sel.tables == 0) {
            return "no socket tables to show with such filter.";
        }
        if (sel.families == 0) {
            return "no families to show with such filter.";
        }
        if (sel.states == 0) {
            return "no socket states to show with such filter.";
        }
        return null;
    }

    /** One datagram as ss writes it: whole, padded to the 4-byte boundary netlink messages keep. */
    private static void write(OutputStream out, byte[] datagram, int length) {
        try {
            out.write(datagram, 0, length);
            out.write(new byte[NetlinkHeader.align(length) - length]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
