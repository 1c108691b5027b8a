package io.sockscope.procmap;

import io.sockscope.model.Owner;
import io.sockscope.model.ProcessName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The index gives each inode's owners newest first, whatever else shares its hash slots. */
class OwnerIndexTest {

    @Test
    void ownersComeOutInReverseOfInsertion() {
        OwnerIndexBuilder builder = new OwnerIndexBuilder();
        int a = builder.addTask(10, 10, ProcessName.ofText("a"));
        int b = builder.addTask(20, 21, ProcessName.ofText("b"));
        builder.addEntry(a, 500, 3);
        builder.addEntry(a, 600, 4);
        builder.addEntry(b, 500, 7);
        builder.addEntry(a, 500, 9);

        OwnerIndex index = builder.build();

        assertEquals(List.of(new Owner("a", 10, 10, 9), new Owner("b", 20, 21, 7), new Owner("a", 10, 10, 3)),
                index.owners(500));
        assertEquals(List.of(new Owner("a", 10, 10, 4)), index.owners(600));
        assertEquals(4, index.size());
        assertTrue(index.hasOwners(600));
        List<String> visited = new ArrayList<>();
        index.forEach((inode, owner) -> visited.add(inode + ":" + owner.pid() + "/" + owner.fd()));
        assertEquals(List.of("500:10/3", "600:10/4", "500:20/7", "500:10/9"), visited);
        assertFalse(index.hasOwners(700));
    }

    @Test
    void highestInodeIsUnsignedAndZeroForAnEmptyIndex() {
        assertEquals(0, OwnerIndex.empty().highestInode());
        OwnerIndexBuilder builder = new OwnerIndexBuilder();
        int task = builder.addTask(1, 1, ProcessName.ofText("x"));
        builder.addEntry(task, 70_000, 3);
        builder.addEntry(task, (int) 0x8000_0001L, 4);
        builder.addEntry(task, 5, 5);
        assertEquals(0x8000_0001L, builder.build().highestInode());
    }

    @Test
    void manyInodesAndUnsignedValuesAllResolve() {
        OwnerIndexBuilder builder = new OwnerIndexBuilder();
        int task = builder.addTask(1, 1, ProcessName.ofText("x"));
        List<Long> inodes = new ArrayList<>();
        for (long i = 0; i < 20_000; i++) {
            // Consecutive values, as the kernel hands them out, plus values above 2^31.
            long inode = i % 2 == 0 ? 100_000 + i : 0xFFFF_FFFFL - i;
            inodes.add(inode);
            builder.addEntry(task, (int) inode, (int) i);
        }

        OwnerIndex index = builder.build();

        List<Long> visited = new ArrayList<>();
        index.forEach((inode, owner) -> visited.add(inode));
        assertEquals(inodes, visited);
        for (int i = 0; i < inodes.size(); i++) {
            assertEquals(List.of(new Owner("x", 1, 1, i)), index.owners(inodes.get(i)));
        }
        assertEquals(List.of(), index.owners(99_999));
        assertEquals(List.of(), index.owners(0));
        assertEquals(List.of(), index.owners(-1));
        assertEquals(List.of(), index.owners(1L << 32 | 100_000));
    }

    @Test
    void theEmptyIndexHasNoOwners() {
        assertEquals(0, OwnerIndex.empty().size());
        assertEquals(List.of(), OwnerIndex.empty().owners(1));
    }
}
