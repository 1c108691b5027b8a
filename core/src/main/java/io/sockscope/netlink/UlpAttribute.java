package io.sockscope.netlink;

/**
 * Attribute types nested in {@code INET_DIAG_ULP_INFO} (the upper-layer protocol attached to a TCP socket):
 * {@code INET_ULP_INFO_*}, the {@code TLS_INFO_*} attributes nested in {@link #INET_ULP_INFO_TLS}, and the
 * {@code MPTCP_SUBFLOW_ATTR_*} attributes nested in {@link #INET_ULP_INFO_MPTCP}, with the values they carry.
 */
public final class UlpAttribute {
    public static final int INET_ULP_INFO_UNSPEC = 0;
    public static final int INET_ULP_INFO_NAME = 1;
    public static final int INET_ULP_INFO_TLS = 2;
    public static final int INET_ULP_INFO_MPTCP = 3;
    public static final int INET_ULP_INFO_MAX = 3;

    public static final int TLS_INFO_UNSPEC = 0;
    public static final int TLS_INFO_VERSION = 1;
    public static final int TLS_INFO_CIPHER = 2;
    public static final int TLS_INFO_TXCONF = 3;
    public static final int TLS_INFO_RXCONF = 4;
    public static final int TLS_INFO_ZC_RO_TX = 5;
    public static final int TLS_INFO_RX_NO_PAD = 6;
    public static final int TLS_INFO_MAX = 6;

    public static final int TLS_1_2_VERSION = 0x0303;
    public static final int TLS_1_3_VERSION = 0x0304;
    public static final int TLS_CIPHER_AES_GCM_128 = 51;
    public static final int TLS_CIPHER_AES_GCM_256 = 52;
    public static final int TLS_CONF_BASE = 1;
    public static final int TLS_CONF_SW = 2;
    public static final int TLS_CONF_HW = 3;
    public static final int TLS_CONF_HW_RECORD = 4;

    public static final int MPTCP_SUBFLOW_ATTR_UNSPEC = 0;
    public static final int MPTCP_SUBFLOW_ATTR_TOKEN_REM = 1;
    public static final int MPTCP_SUBFLOW_ATTR_TOKEN_LOC = 2;
    public static final int MPTCP_SUBFLOW_ATTR_RELWRITE_SEQ = 3;
    public static final int MPTCP_SUBFLOW_ATTR_MAP_SEQ = 4;
    public static final int MPTCP_SUBFLOW_ATTR_MAP_SFSEQ = 5;
    public static final int MPTCP_SUBFLOW_ATTR_SSN_OFFSET = 6;
    public static final int MPTCP_SUBFLOW_ATTR_MAP_DATALEN = 7;
    public static final int MPTCP_SUBFLOW_ATTR_FLAGS = 8;
    public static final int MPTCP_SUBFLOW_ATTR_ID_REM = 9;
    public static final int MPTCP_SUBFLOW_ATTR_ID_LOC = 10;
    public static final int MPTCP_SUBFLOW_ATTR_PAD = 11;
    public static final int MPTCP_SUBFLOW_ATTR_MAX = 11;

    public static final int MPTCP_SUBFLOW_FLAG_MCAP_REM = 1;
    public static final int MPTCP_SUBFLOW_FLAG_MCAP_LOC = 1 << 1;
    public static final int MPTCP_SUBFLOW_FLAG_JOIN_REM = 1 << 2;
    public static final int MPTCP_SUBFLOW_FLAG_JOIN_LOC = 1 << 3;
    public static final int MPTCP_SUBFLOW_FLAG_BKUP_REM = 1 << 4;
    public static final int MPTCP_SUBFLOW_FLAG_BKUP_LOC = 1 << 5;
    public static final int MPTCP_SUBFLOW_FLAG_FULLY_ESTABLISHED = 1 << 6;
    public static final int MPTCP_SUBFLOW_FLAG_CONNECTED = 1 << 7;
    public static final int MPTCP_SUBFLOW_FLAG_MAPVALID = 1 << 8;

    private UlpAttribute() {
    }
}
