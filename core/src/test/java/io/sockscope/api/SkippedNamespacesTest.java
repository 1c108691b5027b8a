package io.sockscope.api;

import io.sockscope.api.internal.ApiValues;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SkippedNamespaces} is a value of the library's kind (a sealed interface over a record callers cannot
 * name, equal by its accessors, its list a copy), empty only when nothing is known to be missing; and
 * {@link SocketQuery#allNamespaces()} is carried by the builder and shown by {@code toString}.
 */
class SkippedNamespacesTest {
    private static final NetworkNamespace BLUE = ApiValues.get().networkNamespace(4026532301L, "blue", List.of(812));

    @Test
    void aValueEqualByItsAccessorsWhoseListCannotChange() {
        assertTrue(SkippedNamespaces.class.isSealed());
        for (Class<?> implementation : SkippedNamespaces.class.getPermittedSubclasses()) {
            assertTrue(implementation.isRecord() && !ExportedTypes.isExported(implementation), implementation.toString());
        }
        List<NetworkNamespace> found = new ArrayList<>(List.of(BLUE));
        SkippedNamespaces skipped = new SkippedNamespacesRecord(found, 3);
        found.clear();
        assertEquals(List.of(BLUE), skipped.notEntered());
        assertThrows(UnsupportedOperationException.class, () -> skipped.notEntered().add(BLUE));
        assertEquals(new SkippedNamespacesRecord(List.of(BLUE), 3), skipped);
        assertEquals(new SkippedNamespacesRecord(List.of(BLUE), 3).hashCode(), skipped.hashCode());
        assertNotEquals(new SkippedNamespacesRecord(List.of(BLUE), 0), skipped);
        assertTrue(skipped.toString().contains("blue"), skipped.toString());
    }

    @Test
    void emptyOnlyWhenNothingIsKnownToBeMissing() {
        assertTrue(SkippedNamespacesRecord.NONE.isEmpty());
        assertFalse(new SkippedNamespacesRecord(List.of(BLUE), 0).isEmpty(), "a namespace not entered");
        assertFalse(new SkippedNamespacesRecord(List.of(), 1).isEmpty(), "a process not read");
    }

    @Test
    void theQueryCarriesAllNamespaces() {
        SocketQuery.Builder builder = SocketQuery.builder().protocols(Protocol.TCP);
        SocketQuery one = builder.build();
        SocketQuery all = builder.allNamespaces().build();
        assertFalse(one.allNamespaces());
        assertTrue(all.allNamespaces());
        assertFalse(SocketQuery.tcpListeners().allNamespaces());
        assertTrue(all.toString().endsWith(", allNamespaces=true]"), all.toString());
        assertTrue(one.toString().endsWith(", allNamespaces=false]"), one.toString());
    }

    @Test
    void anInspectorThatRanNoQueryAcrossNamespacesSkippedNothing() {
        try (SocketInspector inspector = SocketInspector.open()) {
            assertTrue(inspector.skippedNamespaces().isEmpty());
            inspector.list(SocketQuery.builder().protocols(Protocol.TCP).states(SocketState.LISTEN).build());
            assertTrue(inspector.skippedNamespaces().isEmpty());
        }
    }
}
