package io.sockscope.api;

import java.util.Objects;

/** The library's {@link Container}; package-private so that its shape can grow (docs/library.md, Compatibility). */
record ContainerRecord(String runtime, String id, String name) implements Container {
    ContainerRecord {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(id, "id");
    }
}
