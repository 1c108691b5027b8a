package io.sockscope.api;

/** The library's {@link Timer}; package-private so that its shape can grow (docs/library.md, Compatibility). */
record TimerRecord(String name, long expiresMillis, int retransmits) implements Timer {
}
