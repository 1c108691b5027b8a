package io.sockscope.source;

/**
 * The files under {@code /proc} that ss reads, each with the environment variable that replaces its path
 * and its path relative to the proc root (used when that variable is not set).
 */
public enum ProcNetFile {
    TCP("PROC_NET_TCP", "net/tcp"),
    TCP6("PROC_NET_TCP6", "net/tcp6"),
    UDP("PROC_NET_UDP", "net/udp"),
    UDP6("PROC_NET_UDP6", "net/udp6"),
    RAW("PROC_NET_RAW", "net/raw"),
    RAW6("PROC_NET_RAW6", "net/raw6"),
    UNIX("PROC_NET_UNIX", "net/unix"),
    PACKET("PROC_NET_PACKET", "net/packet"),
    NETLINK("PROC_NET_NETLINK", "net/netlink"),
    SOCKSTAT("PROC_NET_SOCKSTAT", "net/sockstat"),
    SOCKSTAT6("PROC_NET_SOCKSTAT6", "net/sockstat6"),
    SNMP("PROC_NET_SNMP", "net/snmp"),
    IP_LOCAL_PORT_RANGE("PROC_IP_LOCAL_PORT_RANGE", "sys/net/ipv4/ip_local_port_range");

    private final String environmentVariable;
    private final String relativePath;

    ProcNetFile(String environmentVariable, String relativePath) {
        this.environmentVariable = environmentVariable;
        this.relativePath = relativePath;
    }

    /** The variable whose value, when set, is this file's full path. */
    public String environmentVariable() {
        return environmentVariable;
    }

    /** The path under the proc root, e.g. {@code net/tcp}. */
    public String relativePath() {
        return relativePath;
    }
}
