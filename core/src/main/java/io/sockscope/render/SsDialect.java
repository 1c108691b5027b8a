package io.sockscope.render;

import java.util.Optional;

/**
 * Which release of iproute2's {@code ss} the text listing copies byte for byte. The two differ in layout, not in
 * what they say about a socket; everything else sockscope writes (JSON, the library's values) is the same in
 * both. docs/ss-dialects.md lists every difference.
 */
public enum SsDialect {
    /** iproute2 6.1, as Debian 12 and Ubuntu 24.04 ship it. */
    V6_1("6.1"),
    /**
     * iproute2 7.1: the Process column only with {@code -p}, no blanks after the last column when the width is
     * unknown, {@code -Q}, {@code -B} and the {@code bound-inactive} state, and the fields of later kernels.
     */
    V7_1("7.1");

    /** The oldest iproute2 release whose listing is closer to 7.1's than to 6.1's (the Process column's). */
    private static final int FIRST_MAJOR_OF_NEWER = 6;
    private static final int FIRST_MINOR_OF_NEWER = 8;

    private final String label;

    SsDialect(String label) {
        this.label = label;
    }

    /** The release as users name it: {@code 6.1}, {@code 7.1}. */
    public String label() {
        return label;
    }

    /** The dialect a user named, if it is one. */
    public static Optional<SsDialect> ofLabel(String text) {
        for (SsDialect d : values()) {
            if (d.label.equals(text)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /**
     * The dialect closest to the listing of iproute2 {@code major.minor}: releases from 6.8 on, where the
     * Process column went away without {@code -p}, print as 7.1 does (docs/ss-dialects.md says what releases
     * between 6.8 and 7.0 still print otherwise); older ones as 6.1.
     */
    public static SsDialect closestTo(int major, int minor) {
        boolean newer = major > FIRST_MAJOR_OF_NEWER || major == FIRST_MAJOR_OF_NEWER && minor >= FIRST_MINOR_OF_NEWER;
        return newer ? V7_1 : V6_1;
    }

    /** The newest dialect: what a host without ss gets. */
    public static SsDialect newest() {
        return V7_1;
    }

    /**
     * Whether the Process column (header and owners) is shown only with {@code -p}, and what follows the
     * owners ({@code -e}, {@code -o}, {@code -i}…) goes into a column of its own after it.
     */
    boolean ownersColumnOnlyWithProcesses() {
        return this == V7_1;
    }

    /** Whether the last column shown gets no padding when the screen's width is unknown. */
    boolean trimsLastColumnWhenCompact() {
        return this == V7_1;
    }

    /** Whether the kernel's delayed-ACK timer (code 5) is {@code delack}, not {@code unknown}. */
    boolean namesDelayedAckTimer() {
        return this == V7_1;
    }

    /** Whether a time of seconds and milliseconds ends in {@code sec} ({@code 3.600sec}), not {@code ms}. */
    boolean writesSecondsWithTheirMilliseconds() {
        return this == V7_1;
    }

    /**
     * Whether the command names of {@code users:} are escaped as procps does in the C locale: control bytes
     * and DEL as {@code .}, bytes from 0x80 as {@code ?}.
     */
    boolean escapesCommandNames() {
        return this == V7_1;
    }

    /** Whether a unix socket's inode ("port") is printed unsigned, not as a 32-bit signed number. */
    boolean printsUnixInodesUnsigned() {
        return this == V7_1;
    }

    /**
     * Whether a TCP-MD5 key is written into its field like the rest of the row (ss 6.8 and later), rather than
     * straight to the output ahead of the rows not yet printed.
     */
    boolean writesMd5KeysInTheirField() {
        return this == V7_1;
    }

    /** Whether {@code -i} shows {@code usec_ts}, {@code rcv_wnd} and {@code rehash} (ss 6.6 and later). */
    boolean printsNewerTcpInfoFields() {
        return this == V7_1;
    }

    /** Whether MPTCP's sequence counters ({@code write_seq}, {@code seq}, {@code maplen}…) are decimal. */
    boolean printsMptcpSequencesInDecimal() {
        return this == V7_1;
    }

    /** Whether a kTLS socket's {@code TLS_INFO_RX_NO_PAD} shows as {@code no_pad_rx} (ss 6.5 and later). */
    boolean printsTlsRxNoPad() {
        return this == V7_1;
    }

    /** Whether a filter's port numbers are read as a {@code long} (ss 6.6 and later: unix inodes). */
    public boolean readsPortsAsLong() {
        return this == V7_1;
    }

    /**
     * Whether a {@code -D} file that cannot be opened ends the run with 255 ({@code fopen dump file}, ss 7.0
     * and later), where 6.1 went on and exited 0 (sockscope says why in one line either way).
     */
    public boolean failsOnAnUnopenableDumpFile() {
        return this == V7_1;
    }

    /**
     * Whether this release knows 7.x's options ({@code -Q}, {@code -B}, {@code --bpf-maps}, {@code --bpf-map-id}) and
     * the {@code bound-inactive} state.
     */
    public boolean hasNewerOptionsAndStates() {
        return this == V7_1;
    }
}
