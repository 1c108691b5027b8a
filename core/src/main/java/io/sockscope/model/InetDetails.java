package io.sockscope.model;

import java.util.List;

/**
 * What the attributes of an inet socket's sock_diag reply say beyond the basics, decoded once by the codec:
 * what the request asked for ({@code -m}, {@code -i}, {@code --tos}, {@code --inet-sockopt}) and what the
 * kernel adds unasked (MD5 keys, the upper-layer protocol). A value is null, or {@link #ABSENT} for a number,
 * when the reply did not carry it. Like ss, only the first attribute of each type counts.
 *
 * @param tcpInfo       {@code INET_DIAG_INFO} of a TCP (or DCCP) socket
 * @param mptcpInfo     {@code INET_DIAG_INFO} of an MPTCP socket
 * @param congestion    {@code INET_DIAG_CONG}: the congestion control's name
 * @param vegas         {@code INET_DIAG_VEGASINFO}
 * @param dctcp         {@code INET_DIAG_DCTCPINFO}
 * @param bbr           {@code INET_DIAG_BBRINFO}
 * @param memory        {@code INET_DIAG_SKMEMINFO}
 * @param inetMemory    {@code INET_DIAG_MEMINFO}, the older memory report
 * @param tos           {@code INET_DIAG_TOS}: the TOS byte
 * @param trafficClass  {@code INET_DIAG_TCLASS}: the IPv6 traffic class
 * @param classId       {@code INET_DIAG_CLASS_ID} (unsigned 32 bits)
 * @param options       {@code INET_DIAG_SOCKOPT}, null also when shorter than the struct (ss passes it over)
 * @param md5Keys       {@code INET_DIAG_MD5SIG}: the keys, as many as ss prints; null when absent
 * @param ulp           {@code INET_DIAG_ULP_INFO}
 */
public record InetDetails(
        TcpInfo tcpInfo,
        MptcpInfo mptcpInfo,
        String congestion,
        VegasInfo vegas,
        DctcpInfo dctcp,
        BbrInfo bbr,
        SocketMemory memory,
        InetMemory inetMemory,
        int tos,
        int trafficClass,
        long classId,
        InetSocketOptions options,
        List<Md5Key> md5Keys,
        UlpInfo ulp) {

    /** A number the reply did not carry. */
    public static final int ABSENT = -1;
}
