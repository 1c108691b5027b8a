package io.sockscope.model;

/**
 * The upper-layer protocol attached to a TCP socket ({@code INET_DIAG_ULP_INFO}): its name, and what kTLS or an
 * MPTCP subflow says of itself.
 *
 * @param name    {@code INET_ULP_INFO_NAME} ({@code tls}, {@code mptcp}…), or null when absent
 * @param tls     the kTLS configuration ({@code INET_ULP_INFO_TLS}), or null
 * @param subflow the MPTCP subflow state ({@code INET_ULP_INFO_MPTCP}), or null
 */
public record UlpInfo(String name, TlsInfo tls, MptcpSubflow subflow) {
}
