package io.sockscope.api.internal;

import io.sockscope.api.OwnerStatus;
import io.sockscope.api.Owners;
import io.sockscope.api.ProcessOwner;
import io.sockscope.inspect.OwnerResolver;
import io.sockscope.model.Owner;
import io.sockscope.model.ProcessName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the owner join found, as the library's owners: every holder in scan order, and every reason for none. */
class OwnersMappingTest {
    private static final List<Owner> HELD = List.of(new Owner("nginx", 40, 40, 6), new Owner("nginx", 41, 41, 6));

    private static Owners found(List<Owner> owners) {
        return OwnersMapping.of(OwnerResolver.of(inode -> owners, 0).owners(1000, 0, false));
    }

    @Test
    void heldSocketsListTheirHoldersInScanOrder() {
        Owners o = found(HELD);
        assertEquals(OwnerStatus.KNOWN, o.status());
        assertEquals(List.of(40, 41), o.processes().stream().map(p -> p.pid()).toList());
        assertEquals("nginx", o.processes().getFirst().command());
        assertEquals(6, o.processes().getFirst().fd());
    }

    @Test
    void aNameThatIsNotUtf8ReachesTheLibraryWithItsBytes() {
        byte[] bytes = {(byte) 0xfd, 'm', 'l'};
        ProcessOwner p = found(List.of(new Owner(ProcessName.of(bytes, 0, bytes.length), 7, 7, 3)))
                .processes().getFirst();
        assertArrayEquals(bytes, p.commandBytes());
        assertFalse(p.commandIsUtf8());
        assertEquals("\uDCFDml", p.command());
        ProcessOwner plain = found(HELD).processes().getFirst();
        assertArrayEquals("nginx".getBytes(StandardCharsets.US_ASCII), plain.commandBytes());
        assertTrue(plain.commandIsUtf8());
    }

    @Test
    void eachReasonForNoOwnerIsTheLibrarysOwn() {
        for (OwnerResolver.Status status : OwnerResolver.Status.values()) {
            if (status != OwnerResolver.Status.KNOWN) {
                Owners o = OwnersMapping.of(new OwnerResolver.Holders(status, List.of()));
                assertEquals(status.name(), o.status().name());
                assertTrue(o.processes().isEmpty());
            }
        }
    }
}
