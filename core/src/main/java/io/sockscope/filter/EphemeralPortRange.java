package io.sockscope.filter;

/**
 * The local port range the kernel picks ports from, which ss's {@code autobound} test uses for inet
 * sockets ({@code /proc/sys/net/ipv4/ip_local_port_range}, or {@code $PROC_IP_LOCAL_PORT_RANGE}).
 *
 * @param min lowest ephemeral port
 * @param max highest ephemeral port
 */
public record EphemeralPortRange(int min, int max) {

    /** What ss assumes when the file cannot be read: 1024–4999. */
    public static final EphemeralPortRange FALLBACK = new EphemeralPortRange(1024, 4999);

    /** Reads the file's text as ss does ({@code fscanf("%d %d")}), falling back when that fails. */
    public static EphemeralPortRange parse(String text) {
        if (text == null) {
            return FALLBACK;
        }
        CNumbers.ScanResult low = CNumbers.scanInt(text, 0, 10);
        if (low == null) {
            return FALLBACK;
        }
        CNumbers.ScanResult high = CNumbers.scanInt(text, low.end(), 10);
        return high == null ? FALLBACK : new EphemeralPortRange(low.value(), high.value());
    }

    /** Whether a port lies in the range. */
    public boolean contains(int port) {
        return port >= min && port <= max;
    }
}
