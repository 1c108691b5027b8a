package io.sockscope.diagnose;

import io.sockscope.model.InetEndpoint;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Addresses as people write them: dotted IPv4, and IPv6 in the shortest form (RFC 5952). */
public final class ReadableAddress {
    private ReadableAddress() {
    }

    /** {@code 127.0.0.1}, {@code ::1}, {@code fd00::1}, {@code ::ffff:10.0.0.1}. */
    public static String of(InetAddress address) {
        return of(address.getAddress());
    }

    /** The same for 4 or 16 raw bytes. */
    public static String of(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (a[2 * i] & 0xff) << 8 | (a[2 * i + 1] & 0xff);
        }
        if (isMapped(a)) {
            return "::ffff:" + of(new byte[] {a[12], a[13], a[14], a[15]});
        }
        // The longest run of two or more zero groups becomes "::" (the first such run on a tie).
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** An endpoint as {@code 10.0.0.1:80} or {@code [::1]:80}. */
    public static String of(InetEndpoint e) {
        String a = of(e.address());
        return (e.address().length == 4 ? a : "[" + a + "]") + ":" + e.port();
    }

    /** An address and port in the same form. */
    public static String of(InetAddress address, int port) {
        String a = of(address);
        return (address instanceof Inet4Address ? a : "[" + a + "]") + ":" + port;
    }

    /** Whether 16 bytes are an IPv4-mapped IPv6 address. */
    public static boolean isMapped(byte[] a) {
        if (a.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
    }

    /** The address for raw bytes (4 or 16). */
    static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address length: " + raw.length, e);
        }
    }

    /** Whether the address is a loopback one (127.0.0.0/8, ::1, or ::ffff:127.x.y.z). */
    static boolean isLoopback(byte[] raw) {
        if (raw.length == 4) {
            return (raw[0] & 0xff) == 127;
        }
        if (isMapped(raw)) {
            return (raw[12] & 0xff) == 127;
        }
        return address(raw).isLoopbackAddress();
    }

    /** Whether the address is IPv4 ({@code Inet4Address}). */
    static boolean isV4(InetAddress a) {
        return a instanceof Inet4Address;
    }
}
