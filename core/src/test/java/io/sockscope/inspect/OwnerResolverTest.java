package io.sockscope.inspect;

import io.sockscope.api.OwnerStatus;
import io.sockscope.api.Owners;
import io.sockscope.api.ProcessOwner;
import io.sockscope.model.Owner;
import io.sockscope.model.ProcessName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Why a socket has no known owner: each reason from what the socket and the reader are. */
class OwnerResolverTest {
    private static final List<Owner> HELD = List.of(new Owner("nginx", 40, 40, 6), new Owner("nginx", 41, 41, 6));

    private static OwnerResolver readerWithUid(long uid) {
        return OwnerResolver.of(inode -> inode == 1000 ? HELD : List.of(), uid);
    }

    @Test
    void aHeldSocketListsItsHoldersInScanOrder() {
        Owners o = readerWithUid(0).owners(1000, 33, false);
        assertEquals(OwnerStatus.KNOWN, o.status());
        assertEquals(List.of(40, 41), o.processes().stream().map(p -> p.pid()).toList());
        assertEquals("nginx", o.processes().getFirst().command());
        assertEquals(6, o.processes().getFirst().fd());
    }

    @Test
    void aNameThatIsNotUtf8ReachesTheLibraryWithItsBytes() {
        byte[] bytes = {(byte) 0xfd, 'm', 'l'};
        Owner owner = new Owner(ProcessName.of(bytes, 0, bytes.length), 7, 7, 3);
        ProcessOwner p = OwnerResolver.of(inode -> List.of(owner), 0).owners(1000, 0, false).processes().getFirst();
        assertArrayEquals(bytes, p.commandBytes());
        assertFalse(p.commandIsUtf8());
        assertEquals("\uDCFDml", p.command());
        ProcessOwner plain = readerWithUid(0).owners(1000, 33, false).processes().getFirst();
        assertArrayEquals("nginx".getBytes(java.nio.charset.StandardCharsets.US_ASCII), plain.commandBytes());
        assertTrue(plain.commandIsUtf8());
    }

    @Test
    void noInodeOrAKernelNetlinkSocketIsTheKernels() {
        assertEquals(OwnerStatus.KERNEL, readerWithUid(0).owners(0, 0, false).status());
        assertEquals(OwnerStatus.KERNEL, readerWithUid(1000).owners(77, -1, true).status());
    }

    @Test
    void anotherUsersSocketReadWithoutRootIsNotPermitted() {
        assertEquals(OwnerStatus.NOT_PERMITTED, readerWithUid(1000).owners(5, 0, false).status());
        assertEquals(OwnerStatus.NOT_PERMITTED, readerWithUid(1000).owners(5, -1, false).status());
    }

    @Test
    void unheldButReadableIsAnotherNamespace() {
        assertEquals(OwnerStatus.OTHER_NAMESPACE, readerWithUid(0).owners(5, 1000, false).status());
        assertEquals(OwnerStatus.OTHER_NAMESPACE, readerWithUid(1000).owners(5, 1000, false).status());
    }

    @Test
    void notAskedForIsSaidSo() {
        assertEquals(OwnerStatus.NOT_REQUESTED, OwnerResolver.notRequested().owners(1000, 0, false).status());
    }
}
