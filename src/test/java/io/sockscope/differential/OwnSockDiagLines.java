package io.sockscope.differential;

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
        return listing.lines()
                .filter(line -> !isOwnSockDiag(line))
                .map(line -> BLANKS.matcher(line).replaceAll(" ").stripTrailing())
                .collect(Collectors.joining("\n", "", listing.isEmpty() ? "" : "\n"));
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
