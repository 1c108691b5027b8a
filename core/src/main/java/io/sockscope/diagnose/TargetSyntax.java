package io.sockscope.diagnose;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.regex.Pattern;

/**
 * Reads the doctor's target forms: {@code PORT}, {@code ADDRESS:PORT}, {@code [V6]:PORT} and
 * {@code unix:PATH}. Addresses are numeric literals only: the doctor never resolves names.
 */
public final class TargetSyntax {
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private TargetSyntax() {
    }

    /** Parses {@code text} as a target reached over {@code transport} (ignored for unix targets). */
    public static Target parse(String text, Transport transport) throws TargetSyntaxException {
        if (text.startsWith("unix:")) {
            String path = text.substring("unix:".length());
            if (path.isEmpty()) {
                throw new TargetSyntaxException("unix: needs a path, e.g. unix:/run/postgresql/.s.PGSQL.5432");
            }
            return new UnixTarget(path);
        }
        if (PORT.matcher(text).matches()) {
            return new InetTarget(transport, null, port(text));
        }
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) {
                throw new TargetSyntaxException("an IPv6 target is written [ADDRESS]:PORT, e.g. [::1]:8080: " + text);
            }
            InetAddress a = address(text.substring(1, close));
            if (!(a instanceof Inet6Address)) {
                throw new TargetSyntaxException("only IPv6 addresses go in brackets: " + text);
            }
            return new InetTarget(transport, a, port(text.substring(close + 2)));
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0 || text.indexOf(':') != colon) {
            throw new TargetSyntaxException("not a target: " + text
                    + " (write PORT, ADDRESS:PORT, [IPV6]:PORT or unix:PATH)");
        }
        InetAddress a = address(text.substring(0, colon));
        return new InetTarget(transport, a, port(text.substring(colon + 1)));
    }

    /** A port number from 1 to 65535. */
    public static int port(String text) throws TargetSyntaxException {
        if (!PORT.matcher(text).matches()) {
            throw new TargetSyntaxException("not a port number: " + text);
        }
        int p = Integer.parseInt(text);
        if (p < 1 || p > 65535) {
            throw new TargetSyntaxException("port out of range (1-65535): " + text);
        }
        return p;
    }

    /**
     * A numeric IPv4 address (four decimal parts) or IPv6 address (without zone), never a name. IPv4-mapped
     * IPv6 addresses come back as IPv4 addresses, which is how the kernel treats such clients.
     */
    public static InetAddress address(String text) throws TargetSyntaxException {
        if (IPV4.matcher(text).matches()) {
            return InetAddress.ofLiteral(text);
        }
        // The JDK takes "[::1]" for a literal too: brackets belong to the target's syntax, not the address.
        if (text.indexOf(':') >= 0 && text.indexOf('%') < 0 && text.indexOf('[') < 0 && text.indexOf(']') < 0) {
            try {
                return InetAddress.ofLiteral(text);
            } catch (IllegalArgumentException e) {
                throw new TargetSyntaxException("not an IPv6 address: " + text);
            }
        }
        throw new TargetSyntaxException("not a numeric IP address: " + text + " (the doctor does not resolve names)");
    }
}
