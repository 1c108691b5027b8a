package io.sockscope.model;

/**
 * What an MPTCP subflow says of itself ({@code MPTCP_SUBFLOW_ATTR_*} nested in {@code INET_ULP_INFO_MPTCP});
 * each value is null when the kernel did not send it.
 *
 * @param flags         {@code MPTCP_SUBFLOW_ATTR_FLAGS}: the {@code FLAG_*} bits below
 * @param tokenRemote   {@code MPTCP_SUBFLOW_ATTR_TOKEN_REM}
 * @param tokenLocal    {@code MPTCP_SUBFLOW_ATTR_TOKEN_LOC}
 * @param idRemote      {@code MPTCP_SUBFLOW_ATTR_ID_REM}
 * @param idLocal       {@code MPTCP_SUBFLOW_ATTR_ID_LOC}
 * @param mapSeq        {@code MPTCP_SUBFLOW_ATTR_MAP_SEQ} (64 bits)
 * @param mapSubflowSeq {@code MPTCP_SUBFLOW_ATTR_MAP_SFSEQ}
 * @param ssnOffset     {@code MPTCP_SUBFLOW_ATTR_SSN_OFFSET}
 * @param mapDataLength {@code MPTCP_SUBFLOW_ATTR_MAP_DATALEN}
 */
public record MptcpSubflow(
        Long flags,
        Long tokenRemote,
        Long tokenLocal,
        Integer idRemote,
        Integer idLocal,
        Long mapSeq,
        Long mapSubflowSeq,
        Long ssnOffset,
        Long mapDataLength) {

    public static final int FLAG_MCAP_REM = 1;
    public static final int FLAG_MCAP_LOC = 1 << 1;
    public static final int FLAG_JOIN_REM = 1 << 2;
    public static final int FLAG_JOIN_LOC = 1 << 3;
    public static final int FLAG_BKUP_REM = 1 << 4;
    public static final int FLAG_BKUP_LOC = 1 << 5;
    public static final int FLAG_FULLY_ESTABLISHED = 1 << 6;
    public static final int FLAG_CONNECTED = 1 << 7;
    public static final int FLAG_MAPVALID = 1 << 8;
}
