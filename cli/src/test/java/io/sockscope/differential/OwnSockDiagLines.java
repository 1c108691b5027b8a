package io.sockscope.differential;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Takes the lister's own socket out of a netlink listing.
 *
 * <p>To list sockets, ss and sockscope each open a {@code NETLINK_SOCK_DIAG} socket, and that socket is in
 * the netlink table they list: {@code tcpdiag:ss/1234} from one, {@code tcpdiag:java/5678} from the other
 * ({@code 4:1234} with {@code -n}), at a position that depends on the port id's hash. That line can never
 * match, and because it may be the widest of its column it can change the padding of every other line.
 * So for listings that include the netlink table, both outputs lose every sock_diag line that is not the
 * kernel's, and the rest is compared with runs of blanks collapsed and trailing blanks dropped. The zoo
 * owns no sock_diag socket, so nothing else is lost. Everything else is compared byte for byte.
 *
 * <p>Adding each tool's socket can also make the kernel rehash its netlink table, which reorders the other
 * netlink rows between two runs (ss against itself shows it). So the netlink rows are compared as a set:
 * they are sorted in place, and every other row keeps its position.
 */
final class OwnSockDiagLines {

    private static final Pattern SOCK_DIAG_ADDRESS = Pattern.compile("(?:tcpdiag|4):\\S+");
    private static final Set<String> KERNEL = Set.of("tcpdiag:kernel", "4:0");
    private static final Pattern BLANKS = Pattern.compile("[ \\t]+");

    private OwnSockDiagLines() {
    }

    /** Whether some line of the listing is a lister's own sock_diag socket. */
    static boolean presentIn(String listing) {
        return listing.lines().anyMatch(OwnSockDiagLines::isOwnSockDiag);
    }

    /** The listing without own sock_diag lines, blanks collapsed, trailing blanks dropped, one line per line. */
    static String normalised(String listing) {
        List<String> lines = listing.lines()
                .filter(line -> !isOwnSockDiag(line))
                .map(line -> BLANKS.matcher(line).replaceAll(" ").stripTrailing())
                .collect(Collectors.toCollection(ArrayList::new));
        sortNetlinkRows(lines);
        return lines.stream().collect(Collectors.joining("\n", "", listing.isEmpty() ? "" : "\n"));
    }

    /** Sorts the netlink rows among themselves; with a Netid column they are the "nl" rows, else all rows. */
    private static void sortNetlinkRows(List<String> lines) {
        boolean header = !lines.isEmpty() && (lines.get(0).startsWith("Netid ") || lines.get(0).startsWith("State "));
        boolean withNetid = lines.stream().anyMatch(line -> line.startsWith("nl "));
        List<Integer> positions = new ArrayList<>();
        for (int i = header ? 1 : 0; i < lines.size(); i++) {
            if (!withNetid || lines.get(i).startsWith("nl ")) {
                positions.add(i);
            }
        }
        List<String> rows = new ArrayList<>();
        for (int i : positions) {
            rows.add(lines.get(i));
        }
        Collections.sort(rows);
        for (int k = 0; k < positions.size(); k++) {
            lines.set(positions.get(k), rows.get(k));
        }
    }

    static boolean isOwnSockDiag(String line) {
        for (String token : line.trim().split("\\s+")) {
            if (SOCK_DIAG_ADDRESS.matcher(token).matches() && !KERNEL.contains(token)) {
                return true;
            }
        }
        return false;
    }
}
