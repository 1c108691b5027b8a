package io.sockscope.netlink;

import io.sockscope.model.MptcpSubflow;
import io.sockscope.model.TlsInfo;
import io.sockscope.model.UlpInfo;

/**
 * Attribute types nested in {@code INET_DIAG_ULP_INFO} (the upper-layer protocol attached to a TCP socket):
 * {@code INET_ULP_INFO_*}, the {@code TLS_INFO_*} attributes nested in {@link #INET_ULP_INFO_TLS}, and the
 * {@code MPTCP_SUBFLOW_ATTR_*} attributes nested in {@link #INET_ULP_INFO_MPTCP};
 * and their decoder into {@link UlpInfo}. At every level the first attribute of a type counts, as in ss.
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

    private UlpAttribute() {
    }

    /** The attributes nested in {@code INET_DIAG_ULP_INFO}, walked by {@code c}. */
    static UlpInfo decode(AttributeCursor c) {
        String name = null;
        TlsInfo tls = null;
        MptcpSubflow subflow = null;
        boolean sawName = false;
        while (c.next()) {
            switch (c.type()) {
                case INET_ULP_INFO_NAME -> {
                    if (!sawName) {
                        sawName = true;
                        name = c.string();
                    }
                }
                case INET_ULP_INFO_TLS -> tls = tls != null ? tls : tls(c.nested());
                case INET_ULP_INFO_MPTCP -> subflow = subflow != null ? subflow : subflow(c.nested());
                default -> { }
            }
        }
        return new UlpInfo(name, tls, subflow);
    }

    private static TlsInfo tls(AttributeCursor c) {
        int version = TlsInfo.ABSENT;
        int cipher = TlsInfo.ABSENT;
        int rxConf = TlsInfo.ABSENT;
        int txConf = TlsInfo.ABSENT;
        boolean zeroCopy = false;
        boolean rxNoPad = false;
        while (c.next()) {
            switch (c.type()) {
                case TLS_INFO_VERSION -> version = version >= 0 ? version : c.u16At(0);
                case TLS_INFO_CIPHER -> cipher = cipher >= 0 ? cipher : c.u16At(0);
                case TLS_INFO_RXCONF -> rxConf = rxConf >= 0 ? rxConf : c.u16At(0);
                case TLS_INFO_TXCONF -> txConf = txConf >= 0 ? txConf : c.u16At(0);
                case TLS_INFO_ZC_RO_TX -> zeroCopy = true;
                case TLS_INFO_RX_NO_PAD -> rxNoPad = true;
                default -> { }
            }
        }
        return new TlsInfo(version, cipher, rxConf, txConf, zeroCopy, rxNoPad);
    }

    private static MptcpSubflow subflow(AttributeCursor c) {
        Long flags = null;
        Long tokenRemote = null;
        Long tokenLocal = null;
        Integer idRemote = null;
        Integer idLocal = null;
        Long mapSeq = null;
        Long mapSubflowSeq = null;
        Long ssnOffset = null;
        Long mapDataLength = null;
        while (c.next()) {
            switch (c.type()) {
                case MPTCP_SUBFLOW_ATTR_FLAGS -> flags = flags != null ? flags : c.u32AsLongAt(0);
                case MPTCP_SUBFLOW_ATTR_TOKEN_REM -> tokenRemote = tokenRemote != null ? tokenRemote : c.u32AsLongAt(0);
                case MPTCP_SUBFLOW_ATTR_TOKEN_LOC -> tokenLocal = tokenLocal != null ? tokenLocal : c.u32AsLongAt(0);
                case MPTCP_SUBFLOW_ATTR_ID_REM -> idRemote = idRemote != null ? idRemote : c.u8At(0);
                case MPTCP_SUBFLOW_ATTR_ID_LOC -> idLocal = idLocal != null ? idLocal : c.u8At(0);
                case MPTCP_SUBFLOW_ATTR_MAP_SEQ -> mapSeq = mapSeq != null ? mapSeq : c.u64At(0);
                case MPTCP_SUBFLOW_ATTR_MAP_SFSEQ ->
                        mapSubflowSeq = mapSubflowSeq != null ? mapSubflowSeq : c.u32AsLongAt(0);
                case MPTCP_SUBFLOW_ATTR_SSN_OFFSET -> ssnOffset = ssnOffset != null ? ssnOffset : c.u32AsLongAt(0);
                case MPTCP_SUBFLOW_ATTR_MAP_DATALEN ->
                        mapDataLength = mapDataLength != null ? mapDataLength : c.u32AsLongAt(0);
                default -> { }
            }
        }
        return new MptcpSubflow(flags, tokenRemote, tokenLocal, idRemote, idLocal, mapSeq, mapSubflowSeq,
                ssnOffset, mapDataLength);
    }
}
