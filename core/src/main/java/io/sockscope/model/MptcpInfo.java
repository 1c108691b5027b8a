package io.sockscope.model;

/**
 * {@code struct mptcp_info}, the {@code INET_DIAG_INFO} of an MPTCP socket: the connection-level counters.
 *
 * @param subflows           {@code mptcpi_subflows}
 * @param addAddrSignal      {@code mptcpi_add_addr_signal}
 * @param addAddrAccepted    {@code mptcpi_add_addr_accepted}
 * @param subflowsMax        {@code mptcpi_subflows_max}
 * @param addAddrSignalMax   {@code mptcpi_add_addr_signal_max}
 * @param addAddrAcceptedMax {@code mptcpi_add_addr_accepted_max}
 * @param flags              {@code mptcpi_flags}: {@link #FLAG_FALLBACK}, {@link #FLAG_REMOTE_KEY_RECEIVED}
 * @param token              {@code mptcpi_token} (unsigned)
 * @param writeSeq           {@code mptcpi_write_seq}
 * @param sndUna             {@code mptcpi_snd_una}
 * @param rcvNxt             {@code mptcpi_rcv_nxt}
 * @param localAddrUsed      {@code mptcpi_local_addr_used}
 * @param localAddrMax       {@code mptcpi_local_addr_max}
 * @param csumEnabled        {@code mptcpi_csum_enabled}
 */
public record MptcpInfo(
        int subflows,
        int addAddrSignal,
        int addAddrAccepted,
        int subflowsMax,
        int addAddrSignalMax,
        int addAddrAcceptedMax,
        long flags,
        long token,
        long writeSeq,
        long sndUna,
        long rcvNxt,
        int localAddrUsed,
        int localAddrMax,
        int csumEnabled,
        long retransmits,
        long bytesRetrans,
        long bytesSent,
        long bytesReceived,
        long bytesAcked,
        int subflowsTotal,
        int endpLaminarMax,
        long lastDataSent,
        long lastDataRecv,
        long lastAckRecv) {

    public static final int FLAG_FALLBACK = 1;
    public static final int FLAG_REMOTE_KEY_RECEIVED = 2;
}
