package io.sockscope.api;

/**
 * An inet socket option that the kernel reports as one bit ({@code INET_DIAG_SOCKOPT}, ss
 * {@code --inet-sockopt}), in the kernel's order, which is also the order of ss's words.
 */
public enum InetSocketOption {
    /** {@code IP_RECVERR} / {@code IPV6_RECVERR}: errors are queued for the application to read. */
    RECVERR("recverr"),
    /** Not an option: the socket is connection-oriented (TCP, DCCP, MPTCP). */
    IS_ICSK("is_icsk"),
    /** {@code IP_FREEBIND}: may bind an address that is not (yet) local. */
    FREEBIND("freebind"),
    /** {@code IP_HDRINCL}: a raw socket whose sender writes the IP header. */
    HDRINCL("hdrincl"),
    /** {@code IP_MULTICAST_LOOP}: its own multicast is looped back to it. */
    MC_LOOP("mc_loop"),
    /** {@code IP_TRANSPARENT}: may bind and answer for addresses that are not local (TPROXY). */
    TRANSPARENT("transparent"),
    /** {@code IP_MULTICAST_ALL}: receives the multicast of every group joined on the host. */
    MC_ALL("mc_all"),
    /** {@code IP_NODEFRAG}: a raw socket that is given fragments as they come. */
    NODEFRAG("nodefrag"),
    /** {@code IP_BIND_ADDRESS_NO_PORT}: {@code bind()} leaves the choice of port to {@code connect()}. */
    BIND_ADDRESS_NO_PORT("bind_address_no_port"),
    /** {@code IP_RECVERR_RFC4884}: ICMP extensions are parsed into the queued errors. */
    RECVERR_RFC4884("recverr_rfc4884"),
    /** {@code TCP_FASTOPEN_CONNECT}: the SYN waits for the first write. */
    DEFER_CONNECT("defer_connect");

    private final String kernelName;

    InetSocketOption(String kernelName) {
        this.kernelName = kernelName;
    }

    /**
     * {@return its field's name in the kernel's {@code struct inet_diag_sockopt}, which is also its member name in
     * sockscope's JSON output (ss prints the same word, but {@code bind_addr_no_port} for
     * {@code bind_address_no_port})}
     */
    public String kernelName() {
        return kernelName;
    }
}
