package io.sockscope.api;

import io.sockscope.model.ProcessName;

/** The library's {@link ProcessOwner}; package-private so that its shape can grow (docs/library.md, Compatibility). */
record ProcessOwnerRecord(int pid, int tid, String command, int fd) implements ProcessOwner {
    @Override
    public byte[] commandBytes() {
        return ProcessName.ofEscapedText(command).bytes();
    }

    @Override
    public boolean commandIsUtf8() {
        return !ProcessName.hasEscapedBytes(command);
    }
}
