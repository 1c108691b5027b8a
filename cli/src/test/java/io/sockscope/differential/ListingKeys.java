package io.sockscope.differential;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Puts a socket of ss's numeric one-line listing ({@code ss -n -e -O ...}, header kept) and a socket of
 * sockscope's JSON into the same words, so that the two listings can be compared socket by socket: a key made
 * of what ss's columns show (Netid and State when ss shows those columns, the queues, the local and peer
 * address exactly as ss prints them with {@code -n}), the inode where ss's {@code -e} shows one ({@code ino:}
 * of inet and packet sockets; a unix socket's inode is part of its address), and the owners as ss prints
 * them ({@code users:((...))}, empty without). Netlink queues are left out of the key: the kernel's own
 * netlink sockets' receive queues move by themselves.
 */
final class ListingKeys {

    /**
     * One socket in the shared words. {@code inode} is null when ss does not show it; {@code users} is null when
     * ss never shows owners for this kind of socket (netlink: ss names the process whose pid is the port id in
     * the address column instead, and prints no {@code users:}).
     */
    record Socket(String key, String inode, String users, boolean ownSockDiag) {
    }

    /** Which of ss's optional columns the listing has, read from its header line. */
    record Columns(boolean netid, boolean state) {
        static Columns ofHeader(String header) {
            List<String> words = List.of(header.trim().split("\\s+"));
            return new Columns(words.contains("Netid"), words.contains("State"));
        }
    }

    private static final Set<String> UNIX = Set.of("u_str", "u_dgr", "u_seq");
    private static final Set<String> PACKET = Set.of("p_raw", "p_dgr");

    private ListingKeys() {
    }

    /**
     * The sockets of an {@code ss -n -e -O} listing with its header.
     *
     * @param defaultNetid the table when ss shows no Netid column (all rows are of one table), else ignored
     */
    static List<Socket> fromSs(String output, Columns columns, String defaultNetid) {
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        List<Socket> sockets = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            List<String> t = List.of(line.trim().split("\\s+"));
            int i = 0;
            String netid = columns.netid() ? t.get(i++) : defaultNetid;
            String state = columns.state() ? t.get(i++) : null;
            String recvQ = t.get(i++);
            String sendQ = t.get(i++);
            String local;
            String peer;
            if (UNIX.contains(netid)) {
                local = t.get(i) + " " + t.get(i + 1);
                peer = t.get(i + 2) + " " + t.get(i + 3);
                i += 4;
            } else {
                local = t.get(i++);
                peer = t.get(i++);
            }
            String inode = null;
            String users = "";
            for (String token : t.subList(i, t.size())) {
                if (token.startsWith("users:(")) {
                    users = token;
                } else if (token.startsWith("ino:") && !UNIX.contains(netid) && inode == null) {
                    inode = token.substring(4);
                }
            }
            boolean netlink = "nl".equals(netid);
            String key = key(columns, netid, state, netlink ? "-" : recvQ, netlink ? "-" : sendQ, local, peer);
            sockets.add(new Socket(key, inode, netlink ? null : users, netlink && isOwnSockDiagAddress(local)));
        }
        return sockets;
    }

    /** The sockets of sockscope's JSON (the {@code sockets} array, or the NDJSON lines), in ss's words. */
    static List<Socket> fromJson(List<Map<String, Object>> json, Columns columns) {
        List<Socket> sockets = new ArrayList<>();
        for (Map<String, Object> s : json) {
            String netid = (String) s.get("netid");
            String family = (String) s.get("family");
            boolean netlink = family.equals("netlink");
            String local;
            String peer;
            switch (family) {
                case "inet", "inet6" -> {
                    boolean v6only = Boolean.TRUE.equals(s.get("v6only"));
                    local = endpoint(member(s, "local"), family, v6only);
                    peer = endpoint(member(s, "peer"), family, v6only);
                }
                case "unix" -> {
                    String path = (String) s.get("path");
                    String name = path == null ? "*" : Boolean.TRUE.equals(s.get("abstract")) ? "@" + path : path;
                    local = name + " " + s.get("inode");
                    String peerPath = (String) s.get("peer_path");
                    peer = (peerPath == null ? "*" : peerPath) + " " + s.get("peer_inode");
                }
                case "packet" -> {
                    int etherType = number(s, "ether_type").intValue();
                    String device = (String) s.get("interface");
                    local = (etherType == 3 ? "*" : "[" + etherType + "]") + ":" + (device == null ? "*" : device);
                    peer = "*";
                }
                case "netlink" -> {
                    // ss prints port ids as C ints: the kernel's large auto-bound ids come out negative.
                    local = number(s, "netlink_protocol") + ":" + number(s, "port_id").intValue();
                    peer = Boolean.TRUE.equals(s.get("connected"))
                            ? number(s, "peer_group") + ":" + number(s, "peer_port_id").intValue() : "*";
                }
                default -> throw new IllegalArgumentException("unknown family " + family + " in " + s);
            }
            // ss prints queues as C ints too: a deferred connect's Send-Q (write_seq less an snd_una never set)
            // can pass 2^31 and come out negative.
            String key = key(columns, netid, (String) s.get("state"),
                    netlink ? "-" : Integer.toString(number(s, "recv_q").intValue()),
                    netlink ? "-" : Integer.toString(number(s, "send_q").intValue()), local, peer);
            String inode = family.equals("unix") || netlink ? null : number(s, "inode").toString();
            boolean own = netlink && isOwnSockDiagAddress(local);
            sockets.add(new Socket(key, inode, users(member(s, "owners")), own));
        }
        return sockets;
    }

    /** The owners in ss's words: {@code users:(("comm",pid=N,fd=N),...)}, or empty for none. */
    @SuppressWarnings("unchecked")
    static String users(Map<String, Object> owners) {
        List<Map<String, Object>> processes = (List<Map<String, Object>>) owners.get("processes");
        if (processes.isEmpty()) {
            return "";
        }
        return processes.stream()
                .map(p -> "(\"" + p.get("command") + "\",pid=" + p.get("pid") + ",fd=" + p.get("fd") + ")")
                .collect(Collectors.joining(",", "users:(", ")"));
    }

    /** A sock_diag socket other than the kernel's: the lister's own, which can never match between two tools. */
    private static boolean isOwnSockDiagAddress(String local) {
        return local.startsWith("4:") && !local.equals("4:0");
    }

    private static String endpoint(Map<String, Object> e, String family, boolean v6only) {
        String address = (String) e.get("address");
        String text;
        if (family.equals("inet")) {
            text = address;
        } else if (Boolean.TRUE.equals(e.get("wildcard")) && !v6only) {
            text = "*";
        } else {
            text = "[" + address + "]";
        }
        Object device = e.get("interface");
        if (device != null) {
            text += "%" + device;
        }
        BigInteger port = (BigInteger) e.get("port");
        return text + ":" + (port.signum() == 0 ? "*" : port.toString());
    }

    private static String key(Columns columns, String netid, String state, String recvQ, String sendQ,
                              String local, String peer) {
        return (columns.netid() ? netid + " " : "") + (columns.state() ? state + " " : "")
                + recvQ + " " + sendQ + " " + local + " " + peer;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> member(Map<String, Object> object, String name) {
        return (Map<String, Object>) object.get(name);
    }

    private static BigInteger number(Map<String, Object> object, String name) {
        return (BigInteger) object.get(name);
    }
}
