package io.sockscope.procmap;

import io.sockscope.kernel.JniLoader;

import java.nio.charset.StandardCharsets;

/**
 * The {@link BpfCalls} of sockscope's JNI library ({@code src/main/c/bpf_calls.c}), loaded by {@link JniLoader}
 * and used when it is of this build's version ({@link JniLoader#usable()}). The program, names and buffers travel as Java
 * arrays, so this path needs no native memory of the JDK's foreign-memory API.
 */
final class BpfJni {
    /** Whether the library is loaded and of this build's version. */
    static final boolean AVAILABLE = JniLoader.usable();

    private BpfJni() {
    }

    static native long loadIteratorProgram(byte[] instructions, byte[] license, byte[] name, int attachBtfId,
                                           byte[] log);

    static native long createIteratorLink(int programFd);

    static native long createIterator(int linkFd);

    static native long read(int fd, byte[] buffer, int offset, int length);

    static native long close(int fd);

    /** The calls bound to the natives above. */
    static final class Calls implements BpfCalls {
        @Override
        public long loadIteratorProgram(byte[] instructions, String license, String name, int attachBtfId,
                                        byte[] log) {
            return BpfJni.loadIteratorProgram(instructions, cString(license), name.getBytes(StandardCharsets.US_ASCII),
                    attachBtfId, log);
        }

        @Override
        public long createIteratorLink(int programFd) {
            return BpfJni.createIteratorLink(programFd);
        }

        @Override
        public long createIterator(int linkFd) {
            return BpfJni.createIterator(linkFd);
        }

        @Override
        public long read(int fd, byte[] buffer, int offset, int length) {
            return BpfJni.read(fd, buffer, offset, length);
        }

        @Override
        public void close(int fd) {
            BpfJni.close(fd);
        }

        private static byte[] cString(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            byte[] terminated = new byte[bytes.length + 1];
            System.arraycopy(bytes, 0, terminated, 0, bytes.length);
            return terminated;
        }
    }
}
