package io.sockscope.filter;

import io.sockscope.filter.FilterSyntaxException.Kind;

import io.sockscope.model.AddressFamily;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * ss's {@code parse_hostcond}: one word after {@code src}/{@code dst} (or a port word after
 * {@code sport}/{@code dport}) to a {@link HostSpec}. It is stateful as ss is: a word read in a family
 * (from a prefix or from the preferred family) makes that family the preferred one for the words after it
 * and restricts the listing to it.
 */
final class HostConditionParser {
    private static final String CANNOT_PARSE = "Cannot parse dst/src address.\n";

    /** A word prefix that names the family to read the rest in. */
    private record FamilyPrefix(String text, int family) {
    }

    /** In the order ss tries them. */
    private static final List<FamilyPrefix> FAMILY_PREFIXES = List.of(
            new FamilyPrefix("unix:", AddressFamily.UNIX), new FamilyPrefix("link:", AddressFamily.PACKET),
            new FamilyPrefix("netlink:", AddressFamily.NETLINK), new FamilyPrefix("vsock:", AddressFamily.VSOCK),
            new FamilyPrefix("inet:", AddressFamily.INET), new FamilyPrefix("inet6:", AddressFamily.INET6));

    private final ParseContext context;
    private final String source;
    private int preferredFamily;
    private OptionalInt familyRestriction = OptionalInt.empty();

    HostConditionParser(ParseContext context, String source) {
        this.context = context;
        this.source = source;
        this.preferredFamily = context.preferredFamily();
    }

    /** The family the words read so far restrict ss to, if any. */
    OptionalInt familyRestriction() {
        return familyRestriction;
    }

    /**
     * Reads one word.
     *
     * @param word     the token text
     * @param portWord true after {@code sport}/{@code dport}: the whole word is the port part
     * @param offset   where the word starts in the source, for errors
     */
    HostSpec parse(String word, boolean portWord, int offset) throws FilterSyntaxException {
        int family = preferredFamily;
        String addr = word;
        for (FamilyPrefix p : FAMILY_PREFIXES) {
            if (addr.startsWith(p.text())) {
                family = p.family();
                addr = addr.substring(p.text().length());
                break;
            }
        }
        HostSpec spec = switch (family) {
            case AddressFamily.UNIX -> new HostSpec.UnixGlob(addr);
            case AddressFamily.PACKET -> link(addr, portWord, word, offset);
            case AddressFamily.NETLINK -> netlink(addr, portWord, word, offset);
            case AddressFamily.VSOCK -> vsock(addr, portWord, word, offset);
            default -> inet(addr, portWord, family, word, offset);
        };
        if (family != AddressFamily.UNSPEC) {
            preferredFamily = family;
            familyRestriction = OptionalInt.of(family);
        }
        return spec;
    }

    /** A word split at its port separator ({@code find_port}); {@code port} null when there is none. */
    private record Split(String addr, String port) {
    }

    private static Split findPort(String addr, boolean portWord) {
        if (portWord) {
            return addr.startsWith(":") ? new Split("", addr.substring(1)) : new Split(addr, addr);
        }
        int colon = addr.indexOf(':');
        if (colon < 0) {
            return new Split(addr, null);
        }
        return new Split(addr.substring(0, colon), addr.substring(colon + 1));
    }

    private HostSpec link(String text, boolean portWord, String word, int offset) throws FilterSyntaxException {
        Split s = findPort(text, portWord);
        int port = -1;
        if (s.port() != null && !s.port().isEmpty() && !s.port().equals("*")) {
            OptionalInt n = CNumbers.getInteger(s.port());
            if (n.isPresent()) {
                port = n.getAsInt();
            } else {
                port = Lexer.interfaceIndex(context.environment(), s.port());
                if (port <= 0) {
                    throw fail("expected an interface name or index after ':' in \"" + word + "\"", offset, "");
                }
            }
        }
        int protocol = -1;
        if (!portWord && !s.addr().isEmpty() && !s.addr().equals("*")) {
            OptionalInt p = ProtocolNames.linkProtocol(s.addr());
            if (p.isEmpty()) {
                throw fail("expected a link-layer protocol name or number in \"" + word + "\"", offset, "");
            }
            protocol = p.getAsInt();
        }
        return new HostSpec.LinkHost(protocol, port);
    }

    private HostSpec netlink(String text, boolean portWord, String word, int offset) throws FilterSyntaxException {
        Split s = findPort(text, portWord);
        int port = -1;
        if (s.port() != null && !s.port().isEmpty() && !s.port().equals("*")) {
            OptionalInt n = CNumbers.getInteger(s.port());
            if (n.isPresent()) {
                port = n.getAsInt();
            } else if (s.port().equals("kernel")) {
                port = 0;
            } else {
                throw fail("expected a port id or 'kernel' after ':' in \"" + word + "\"", offset, "");
            }
        }
        int protocol = -1;
        if (!portWord && !s.addr().isEmpty() && !s.addr().equals("*")) {
            Map<Integer, String> names = context.environment().netlinkProtocolNames();
            OptionalInt p = ProtocolNames.netlinkProtocol(s.addr(), names == null ? Map.of() : names);
            if (p.isEmpty()) {
                throw fail("expected a netlink protocol name or number (0-255) in \"" + word + "\"", offset, "");
            }
            protocol = p.getAsInt();
        }
        return new HostSpec.NetlinkHost(protocol, port);
    }

    private HostSpec vsock(String text, boolean portWord, String word, int offset) throws FilterSyntaxException {
        Split s = findPort(text, portWord);
        int port = -1;
        if (s.port() != null && !s.port().equals("*")) {
            OptionalLong n = CNumbers.getU32(s.port());
            if (n.isEmpty()) {
                throw fail("expected a vsock port (0-4294967295) in \"" + word + "\"", offset, "");
            }
            port = (int) n.getAsLong();
        }
        long cid = 0xFFFF_FFFFL;
        if (!portWord && !s.addr().isEmpty() && !s.addr().equals("*")) {
            OptionalLong n = CNumbers.getU32(s.addr());
            if (n.isEmpty()) {
                throw fail("expected a vsock CID (0-4294967295) in \"" + word + "\"", offset, "");
            }
            cid = n.getAsLong();
        }
        return new HostSpec.VsockHost(cid, port);
    }

    private HostSpec inet(String text, boolean portWord, int family, String word, int offset)
            throws FilterSyntaxException {
        String addr = text;
        String port;
        int cutAt = -1;
        if (addr.startsWith("[")) {
            addr = addr.substring(1);
            int close = addr.indexOf(']');
            if (close < 0) {
                throw fail("expected ']' to close the address in \"" + word + "\"", offset, "");
            }
            port = addr.substring(close + 1);
            addr = addr.substring(0, close);
        } else if (addr.startsWith("*")) {
            port = addr.substring(1);
        } else {
            // The port is after the last ':' that follows the first '/' (so "::/0" has none).
            int slash = addr.indexOf('/');
            int colon = addr.lastIndexOf(':');
            boolean hasPort = colon >= 0 && (slash < 0 || colon > slash);
            port = hasPort ? addr.substring(colon) : null;
            cutAt = hasPort ? colon : -1;
        }
        if (portWord) {
            port = addr;
        } else if (cutAt >= 0) {
            addr = addr.substring(0, cutAt);
        }
        int portValue = -1;
        if (port != null && !port.isEmpty()) {
            if (port.charAt(0) == ':') {
                port = port.substring(1);
            }
            if (!port.isEmpty() && port.charAt(0) != '*') {
                portValue = portNumber(port, word, offset);
            }
        }
        List<AddressPrefix> addresses = new ArrayList<>();
        if (!portWord && !addr.isEmpty() && addr.charAt(0) != '*') {
            Optional<AddressPrefix> prefix = InetText.parsePrefix(addr, family);
            if (prefix.isPresent()) {
                addresses.add(prefix.get());
            } else {
                addresses = resolve(addr, family);
                if (addresses.isEmpty()) {
                    throw fail("expected an address, prefix or host name, got \"" + addr + "\"", offset,
                            "Error: an inet prefix is expected rather than \"" + addr + "\".\n");
                }
            }
        }
        return new HostSpec.InetHost(portValue, addresses);
    }

    /** A number, or a service name for the selected tables, or an RPC name. */
    private int portNumber(String port, String word, int offset) throws FilterSyntaxException {
        OptionalInt n = CNumbers.getInteger(port);
        if (n.isPresent()) {
            return n.getAsInt();
        }
        if (context.longPorts()) {
            java.util.OptionalLong wide = CNumbers.getLong(port);
            if (wide.isPresent()) {
                // Past an int no port (0-65535) equals it and every comparison with one comes out as with the
                // int's own limit; the kernel's program and the user-space test then agree with ss's. A unix
                // inode past 2^31 - 1 cannot be named this way (docs/ss-dialects.md).
                return Math.clamp(wide.getAsLong(), Integer.MIN_VALUE, Integer.MAX_VALUE);
            }
        }
        FilterEnvironment env = context.environment();
        OptionalInt udp = context.udpSelected() ? orEmpty(env.servicePort(port, "udp")) : OptionalInt.empty();
        OptionalInt tcp = context.tcpSelected() ? orEmpty(env.servicePort(port, "tcp")) : OptionalInt.empty();
        if (udp.isPresent() && tcp.isPresent() && udp.getAsInt() != tcp.getAsInt()) {
            throw fail("service \"" + port + "\" names different ports for tcp and udp", offset,
                    "Error: ambiguous port \"" + port + "\".\n");
        }
        OptionalInt service = udp.isPresent() ? udp : tcp;
        if (service.isPresent()) {
            return service.getAsInt();
        }
        int found = -1;
        List<FilterEnvironment.RpcService> rpcServices = env.rpcServices();
        for (FilterEnvironment.RpcService rpc : rpcServices == null ? List.<FilterEnvironment.RpcService>of()
                : rpcServices) {
            if (rpc == null) {
                continue;
            }
            boolean tableSelected = (rpc.protocol().equals("udp") && context.udpSelected())
                    || (rpc.protocol().equals("tcp") && context.tcpSelected());
            if (tableSelected && rpc.name().equals(port)) {
                if (found > 0 && found != rpc.port()) {
                    throw fail("service \"" + port + "\" names different ports", offset,
                            "Error: ambiguous port \"" + port + "\".\n");
                }
                found = rpc.port();
            }
        }
        if (found <= 0) {
            throw fail("expected a port number or service name, got \"" + port + "\" in \"" + word + "\"", offset,
                    "Error: \"" + port + "\" does not look like a port.\n");
        }
        return found;
    }

    /**
     * {@code get_dns_host}: the name in the given family, or in IPv4 then IPv6 when none is preferred. Like
     * ss, the first address found stays first and each later one is inserted right after it.
     */
    private List<AddressPrefix> resolve(String name, int family) {
        List<AddressPrefix> found = new ArrayList<>();
        int[] families = family == AddressFamily.UNSPEC
                ? new int[] {AddressFamily.INET, AddressFamily.INET6} : new int[] {family};
        for (int f : families) {
            if (f != AddressFamily.INET && f != AddressFamily.INET6) {
                continue;
            }
            int expected = f == AddressFamily.INET ? 4 : 16;
            List<byte[]> answers = context.environment().resolveHost(name, f);
            for (byte[] a : answers == null ? List.<byte[]>of() : answers) {
                if (a == null || a.length != expected) {
                    continue;
                }
                AddressPrefix p = new AddressPrefix(f, expected * 8, a);
                if (found.isEmpty()) {
                    found.add(p);
                } else {
                    found.add(1, p);
                }
            }
        }
        return found;
    }

    private static OptionalInt orEmpty(OptionalInt answer) {
        return answer == null ? OptionalInt.empty() : answer;
    }

    private FilterSyntaxException fail(String reason, int offset, String ssDetail) {
        return new FilterSyntaxException(reason, source, offset, ssDetail + CANNOT_PARSE, Kind.UNRESOLVED, false);
    }
}
