package io.sockscope.netlink;

/**
 * Attribute types of inet_diag: the {@code INET_DIAG_*} reply attributes (an extension {@code n} from 1 to 8
 * is asked for with bit {@code 1 << (n - 1)} of {@code idiag_ext}) and the {@code INET_DIAG_REQ_*} request
 * attributes.
 */
public final class InetDiagAttribute {
    public static final int INET_DIAG_NONE = 0;
    public static final int INET_DIAG_MEMINFO = 1;
    public static final int INET_DIAG_INFO = 2;
    public static final int INET_DIAG_VEGASINFO = 3;
    public static final int INET_DIAG_CONG = 4;
    public static final int INET_DIAG_TOS = 5;
    public static final int INET_DIAG_TCLASS = 6;
    public static final int INET_DIAG_SKMEMINFO = 7;
    public static final int INET_DIAG_SHUTDOWN = 8;
    public static final int INET_DIAG_DCTCPINFO = 9;
    public static final int INET_DIAG_PROTOCOL = 10;
    public static final int INET_DIAG_SKV6ONLY = 11;
    public static final int INET_DIAG_LOCALS = 12;
    public static final int INET_DIAG_PEERS = 13;
    public static final int INET_DIAG_PAD = 14;
    public static final int INET_DIAG_MARK = 15;
    public static final int INET_DIAG_BBRINFO = 16;
    public static final int INET_DIAG_CLASS_ID = 17;
    public static final int INET_DIAG_MD5SIG = 18;
    public static final int INET_DIAG_ULP_INFO = 19;
    public static final int INET_DIAG_SK_BPF_STORAGES = 20;
    public static final int INET_DIAG_CGROUP_ID = 21;
    public static final int INET_DIAG_SOCKOPT = 22;
    /** The highest reply attribute type ss 6.1 knows ({@code INET_DIAG_MAX}). */
    public static final int INET_DIAG_MAX = 22;

    public static final int INET_DIAG_REQ_BYTECODE = 1;
    public static final int INET_DIAG_REQ_SK_BPF_STORAGES = 2;
    public static final int INET_DIAG_REQ_PROTOCOL = 3;

    private InetDiagAttribute() {
    }

    /** The {@code idiag_ext} bit that asks for reply attribute {@code type} (1 to 8). */
    public static int extensionBit(int type) {
        if (type < 1 || type > 8) {
            throw new IllegalArgumentException("no idiag_ext bit for attribute " + type);
        }
        return 1 << (type - 1);
    }
}
