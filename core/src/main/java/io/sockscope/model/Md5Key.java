package io.sockscope.model;

/**
 * One TCP-MD5 key of a socket ({@code struct tcp_diag_md5sig}; {@code INET_DIAG_MD5SIG} carries them only to a
 * caller with CAP_NET_ADMIN).
 *
 * @param family       {@code AF_INET} or {@code AF_INET6}
 * @param prefixLength the address prefix the key applies to
 * @param address      4 bytes for AF_INET, else 16, network order; never modified
 * @param key          the key bytes (at most 80); never modified
 */
public record Md5Key(int family, int prefixLength, byte[] address, byte[] key) {
}
