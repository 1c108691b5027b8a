package io.sockscope.procmap;

/**
 * The {@code bpf(2)} commands and file calls the task-file scan makes. Each returns the call's result, or
 * {@code -errno} when it failed. One implementation goes through sockscope's JNI library ({@link BpfJni}),
 * the other through an FFM downcall ({@link FfmBpfCalls}); they build the same {@code bpf_attr} unions.
 */
interface BpfCalls {
    /** {@code BPF_PROG_LOAD} of an {@code iter/*} tracing program; {@code log}, when not null, gets the verifier's words. */
    long loadIteratorProgram(byte[] instructions, String license, String name, int attachBtfId, byte[] log);

    /** {@code BPF_LINK_CREATE} of an iterator link over every task. */
    long createIteratorLink(int programFd);

    /** {@code BPF_ITER_CREATE}: a readable iterator of the link. */
    long createIterator(int linkFd);

    /** {@code read} into {@code buffer[offset, offset + length)}. */
    long read(int fd, byte[] buffer, int offset, int length);

    void close(int fd);

    /** The calls through the JNI library when it is loaded, else through FFM. */
    static BpfCalls preferred() {
        return BpfJni.AVAILABLE ? new BpfJni.Calls() : new FfmBpfCalls();
    }
}
