package io.sockscope.procmap;

import io.sockscope.model.Owner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The slowest, plainest reading of ss's algorithm, used as the expected answer for fixture trees: one
 * thread, one list of every (inode, owner) in the order met, looked up backwards. Numbers are read as
 * plain decimal, so fixtures compared against it use plain names.
 */
final class ReferenceScan {
    private static final Pattern NUMBER = Pattern.compile("^\\d+");
    /** Plain inode numbers only; the lenient cases of ss's %u are tested on their own. */
    private static final Pattern SOCKET = Pattern.compile("^socket:\\[(\\d{1,9})\\]");

    private record Entry(long inode, Owner owner) {
    }

    private final List<Entry> entries = new ArrayList<>();

    static ReferenceScan of(Path root, boolean threads) throws IOException {
        ReferenceScan scan = new ReferenceScan();
        for (int pid : ids(root)) {
            scan.task(root, pid, pid);
            if (threads) {
                for (int tid : ids(root.resolve(pid + "/task"))) {
                    if (tid != pid) {
                        scan.task(root, pid, tid);
                    }
                }
            }
        }
        return scan;
    }

    List<Owner> owners(long inode) {
        List<Owner> found = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).inode() == inode) {
                found.add(entries.get(i).owner());
            }
        }
        return found;
    }

    int size() {
        return entries.size();
    }

    private void task(Path root, int pid, int tid) throws IOException {
        String command = null;
        for (int fd : ids(root.resolve(tid + "/fd"))) {
            Path link = root.resolve(tid + "/fd/" + fd);
            if (!Files.isSymbolicLink(link)) {
                continue;
            }
            Matcher socket = SOCKET.matcher(Files.readSymbolicLink(link).toString());
            if (!socket.find() || Long.parseLong(socket.group(1)) == 0) {
                continue;
            }
            if (command == null) {
                command = command(root.resolve(tid + "/stat"));
            }
            entries.add(new Entry(Long.parseLong(socket.group(1)), new Owner(command, pid, tid, fd)));
        }
    }

    private static String command(Path stat) throws IOException {
        if (!Files.exists(stat)) {
            return "";
        }
        String text = new String(Files.readAllBytes(stat), StandardCharsets.UTF_8);
        int open = text.indexOf('(');
        int close = text.indexOf(')', open + 1);
        return open < 0 || close < 0 ? "" : text.substring(open + 1, close);
    }

    /** Numeric entries of {@code dir} in the order the file system lists them; none if it is missing. */
    static List<Integer> ids(Path dir) throws IOException {
        List<Integer> ids = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Matcher number = NUMBER.matcher(entry.getFileName().toString());
                if (number.find()) {
                    ids.add(Integer.parseInt(number.group()));
                }
            }
        }
        return ids;
    }
}
