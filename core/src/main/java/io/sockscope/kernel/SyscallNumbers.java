package io.sockscope.kernel;

/**
 * Linux system call numbers of the calls {@link LibcDowncalls} makes through {@code syscall}, which differ
 * between architectures.
 *
 * @param openat     {@code __NR_openat}
 * @param getdents64 {@code __NR_getdents64} (the glibc wrapper is recent, 2.30; the system call is not)
 * @param readlinkat {@code __NR_readlinkat}
 * @param read       {@code __NR_read}
 * @param close      {@code __NR_close}
 * @param bpf        {@code __NR_bpf} (glibc has no wrapper)
 */
record SyscallNumbers(long openat, long getdents64, long readlinkat, long read, long close, long bpf) {

    /**
     * The table for an {@code os.arch} value.
     *
     * @throws UnsatisfiedLinkError for an architecture without a table here
     */
    static SyscallNumbers forArchitecture(String arch) {
        return switch (arch) {
            case "amd64", "x86_64" -> new SyscallNumbers(257, 217, 267, 0, 3, 321);
            // aarch64 and riscv64 both use the generic table of asm-generic/unistd.h.
            case "aarch64", "riscv64" -> new SyscallNumbers(56, 61, 78, 63, 57, 280);
            default -> throw new UnsatisfiedLinkError("no system call table for " + arch);
        };
    }
}
