package io.sockscope.inspect;

import io.sockscope.inspect.OwnerResolver.Holders;
import io.sockscope.inspect.OwnerResolver.Status;
import io.sockscope.model.Owner;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Why a socket has no known owner: each reason from what the socket and the reader are. */
class OwnerResolverTest {
    private static final List<Owner> HELD = List.of(new Owner("nginx", 40, 40, 6), new Owner("nginx", 41, 41, 6));

    private static OwnerResolver readerWithUid(long uid) {
        return OwnerResolver.of(inode -> inode == 1000 ? HELD : List.of(), uid);
    }

    @Test
    void aHeldSocketListsItsHoldersInScanOrder() {
        Holders o = readerWithUid(0).owners(1000, 33, false);
        assertEquals(Status.KNOWN, o.status());
        assertEquals(HELD, o.processes());
    }

    @Test
    void noInodeOrAKernelNetlinkSocketIsTheKernels() {
        assertEquals(Status.KERNEL, readerWithUid(0).owners(0, 0, false).status());
        assertEquals(Status.KERNEL, readerWithUid(1000).owners(77, -1, true).status());
    }

    @Test
    void anotherUsersSocketReadWithoutRootIsNotPermitted() {
        assertEquals(Status.NOT_PERMITTED, readerWithUid(1000).owners(5, 0, false).status());
        assertEquals(Status.NOT_PERMITTED, readerWithUid(1000).owners(5, -1, false).status());
    }

    @Test
    void unheldButReadableIsAnotherNamespace() {
        assertEquals(Status.OTHER_NAMESPACE, readerWithUid(0).owners(5, 1000, false).status());
        assertEquals(Status.OTHER_NAMESPACE, readerWithUid(1000).owners(5, 1000, false).status());
    }

    @Test
    void notAskedForIsSaidSo() {
        assertEquals(Status.NOT_REQUESTED, OwnerResolver.notRequested().owners(1000, 0, false).status());
    }
}
