package io.sockscope.api;

import java.util.Objects;

/** The library's {@link Pod}; package-private so that its shape can grow (docs/library.md, Compatibility). */
record PodRecord(String namespace, String name, String uid) implements Pod {
    PodRecord {
        Objects.requireNonNull(uid, "uid");
    }
}
