package io.sockscope.model;

/**
 * The IP protocol numbers of the inet socket tables ({@code IPPROTO_*} of {@code <linux/in.h>}): what a
 * sock_diag request asks for and what an inet socket's {@code INET_DIAG_PROTOCOL} reports. The one copy of
 * them for every package.
 */
public final class IpProtocol {
    /** What a raw socket opened with protocol 0 reports. */
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_UDP = 17;
    public static final int IPPROTO_DCCP = 33;
    public static final int IPPROTO_ICMPV6 = 58;
    public static final int IPPROTO_SCTP = 132;
    public static final int IPPROTO_RAW = 255;
    /** Above 255: a request carries it in an {@code INET_DIAG_REQ_PROTOCOL} attribute, not {@code sdiag_protocol}. */
    public static final int IPPROTO_MPTCP = 262;

    private IpProtocol() {
    }
}
