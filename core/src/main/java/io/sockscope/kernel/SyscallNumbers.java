package io.sockscope.kernel;

/**
 * Linux system call numbers of the calls {@link LibcDowncalls} makes through {@code syscall}, which differ
 * between architectures.
 *
 * @param getdents64 {@code __NR_getdents64} (the glibc wrapper is recent, 2.30; the system call is not)
 * @param bpf        {@code __NR_bpf} (glibc has no wrapper)
 */
record SyscallNumbers(long getdents64, long bpf) {

    /**
     * The table for an {@code os.arch} value.
     *
     * @throws UnsatisfiedLinkError for an architecture without a table here
     */
    static SyscallNumbers forArchitecture(String arch) {
        return switch (arch) {
            case "amd64", "x86_64" -> new SyscallNumbers(217, 321);
            // aarch64 and riscv64 both use the generic table of asm-generic/unistd.h.
            case "aarch64", "riscv64" -> new SyscallNumbers(61, 280);
            default -> throw new UnsatisfiedLinkError("no system call table for " + arch);
        };
    }
}
