package io.sockscope.model;

/**
 * The socket options that are single bits of the kernel's {@code struct inet_sock}, as
 * {@code INET_DIAG_SOCKOPT} reports them ({@code --inet-sockopt}).
 *
 * @param recverr           {@code IP_RECVERR} / {@code IPV6_RECVERR}: errors are queued for the application
 * @param isIcsk            a connection-oriented socket ({@code inet_connection_sock}: TCP, DCCP, MPTCP), not an option
 * @param freebind          {@code IP_FREEBIND}: may bind an address that is not (yet) local
 * @param hdrincl           {@code IP_HDRINCL}: a raw socket whose sender writes the IP header
 * @param mcLoop            {@code IP_MULTICAST_LOOP}: own multicast is looped back
 * @param transparent       {@code IP_TRANSPARENT}: may bind and answer for foreign addresses (TPROXY)
 * @param mcAll             {@code IP_MULTICAST_ALL}: receives every group joined on the host, not only its own
 * @param nodefrag          {@code IP_NODEFRAG}: a raw socket that gets fragments unassembled
 * @param bindAddressNoPort {@code IP_BIND_ADDRESS_NO_PORT}: {@code bind()} leaves the port to {@code connect()}
 * @param recverrRfc4884    {@code IP_RECVERR_RFC4884}: ICMP extensions are parsed into queued errors
 * @param deferConnect      {@code TCP_FASTOPEN_CONNECT}: the SYN waits for the first write
 */
public record InetSocketOptions(
        boolean recverr,
        boolean isIcsk,
        boolean freebind,
        boolean hdrincl,
        boolean mcLoop,
        boolean transparent,
        boolean mcAll,
        boolean nodefrag,
        boolean bindAddressNoPort,
        boolean recverrRfc4884,
        boolean deferConnect) {
}
