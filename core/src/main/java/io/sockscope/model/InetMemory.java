package io.sockscope.model;

/**
 * {@code struct inet_diag_meminfo} ({@code INET_DIAG_MEMINFO}): the older, shorter memory report of an inet
 * socket, which ss prints ({@code mem:(…)}) only when a reply lacks the {@link SocketMemory} array.
 *
 * @param rmem receive memory (unsigned)
 * @param wmem write queue memory (unsigned)
 * @param fmem forward-allocated memory (unsigned)
 * @param tmem transmit memory (unsigned)
 */
public record InetMemory(long rmem, long wmem, long fmem, long tmem) {
}
