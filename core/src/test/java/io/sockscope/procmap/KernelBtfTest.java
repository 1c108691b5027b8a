package io.sockscope.procmap;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Reading BTF: a blob written here type by type, a cut or foreign one, and the running kernel's own. */
class KernelBtfTest {

    /** Writes a BTF blob: types are numbered from 1 in the order they are added. */
    private static final class Blob {
        private final ByteArrayOutputStream types = new ByteArrayOutputStream();
        private final ByteArrayOutputStream strings = new ByteArrayOutputStream();

        Blob() {
            strings.write(0); // offset 0 is the empty name
        }

        int name(String text) {
            int offset = strings.size();
            strings.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            strings.write(0);
            return offset;
        }

        Blob type(String name, int kind, int vlen, boolean kindFlag, int sizeOrType, int... extra) {
            ints(name.isEmpty() ? 0 : name(name), kind << 24 | vlen | (kindFlag ? 1 << 31 : 0), sizeOrType);
            ints(extra);
            return this;
        }

        private void ints(int... values) {
            ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.nativeOrder());
            for (int v : values) {
                b.putInt(v);
            }
            types.writeBytes(b.array());
        }

        byte[] bytes() {
            byte[] t = types.toByteArray();
            byte[] s = strings.toByteArray();
            ByteBuffer b = ByteBuffer.allocate(24 + t.length + s.length).order(ByteOrder.nativeOrder());
            b.putShort((short) 0xEB9F).put((byte) 1).put((byte) 0).putInt(24).putInt(0).putInt(t.length)
                    .putInt(t.length).putInt(s.length).put(t).put(s);
            return b.array();
        }
    }

    /**
     * 1 int (4 bytes), 2 typedef pid_t = 1, 3 char (1 byte), 4 char[16], 5 struct task (two plain members and
     * an array), 6 struct bits (kind_flag set: a bit field and a plain member), 7 func_proto, 8 func
     * bpf_iter_task_file, 9 const pid_t, 10 pointer.
     */
    private static byte[] sample() {
        Blob blob = new Blob();
        blob.type("int", 1, 0, false, 4, 0x01000020);
        blob.type("pid_t", 8, 0, false, 1);
        blob.type("char", 1, 0, false, 1, 8);
        blob.type("", 3, 0, false, 0, 3, 1, 16);
        int pid = blob.name("pid");
        int tgid = blob.name("tgid");
        int comm = blob.name("comm");
        blob.type("task", 4, 3, false, 64, pid, 2, 0, tgid, 9, 32, comm, 4, 128);
        int flags = blob.name("flags");
        int count = blob.name("count");
        blob.type("bits", 4, 2, true, 8, flags, 1, 3 << 24, count, 1, 32);
        blob.type("", 13, 0, false, 1);
        blob.type("bpf_iter_task_file", 12, 0, false, 7);
        blob.type("", 10, 0, false, 2);
        blob.type("", 2, 0, false, 5);
        return blob.bytes();
    }

    @Test
    void findsFunctionsStructuresMembersAndSizes() {
        KernelBtf btf = KernelBtf.parse(sample());
        assertEquals(10, btf.typeCount());
        assertEquals(8, btf.functionId("bpf_iter_task_file"));
        assertEquals(KernelBtf.ABSENT, btf.functionId("task"), "a structure is no function");
        int[] ids = btf.structIds("bits", "task", "nothing");
        assertEquals(6, ids[0]);
        assertEquals(5, ids[1]);
        assertEquals(KernelBtf.ABSENT, ids[2]);
        assertEquals(0, btf.memberOffset(5, "pid"));
        assertEquals(4, btf.memberOffset(5, "tgid"));
        assertEquals(16, btf.memberOffset(5, "comm"));
        assertEquals(4, btf.memberSize(5, "pid"), "through the typedef");
        assertEquals(4, btf.memberSize(5, "tgid"), "through const and typedef");
        assertEquals(16, btf.memberSize(5, "comm"), "an array of sixteen chars");
        assertEquals(KernelBtf.ABSENT, btf.memberOffset(5, "mm"));
        assertEquals(KernelBtf.ABSENT, btf.memberOffset(6, "flags"), "a bit field is refused");
        assertEquals(4, btf.memberOffset(6, "count"), "a plain member of a kind_flag structure");
        assertEquals(KernelBtf.ABSENT, btf.memberOffset(8, "pid"), "a function has no members");
    }

    @Test
    void aCutBlobKeepsTheTypesBeforeTheCut() {
        byte[] whole = sample();
        ByteBuffer b = ByteBuffer.wrap(whole).order(ByteOrder.nativeOrder());
        int typeLength = b.getInt(12);
        // Claim a type section that ends inside the structure "task" (type 5, with members).
        b.putInt(12, typeLength - 100);
        KernelBtf btf = KernelBtf.parse(whole);
        assertTrue(btf.typeCount() < 10, "types after the cut are not framed: " + btf.typeCount());
        assertEquals(KernelBtf.ABSENT, btf.functionId("bpf_iter_task_file"));
    }

    @Test
    void foreignOrBrokenBlobsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> KernelBtf.parse(new byte[10]));
        byte[] swapped = sample();
        byte first = swapped[0];
        swapped[0] = swapped[1];
        swapped[1] = first;
        assertThrows(IllegalArgumentException.class, () -> KernelBtf.parse(swapped), "the other byte order");
        byte[] short_ = Arrays.copyOf(sample(), 40);
        assertThrows(IllegalArgumentException.class, () -> KernelBtf.parse(short_), "sections beyond the end");
    }

    @Test
    void theRunningKernelHasTheTaskFileIteratorsLayout() throws IOException {
        Path vmlinux = Path.of("/sys/kernel/btf/vmlinux");
        assumeTrue(Files.isReadable(vmlinux), "the kernel publishes no BTF");
        KernelBtf btf = KernelBtf.parse(Files.readAllBytes(vmlinux));
        assertTrue(btf.typeCount() > 10_000, "a kernel has many types: " + btf.typeCount());
        TaskFileLayout layout = TaskFileLayout.resolve(btf).orElseThrow();
        assertTrue(layout.attachBtfId() > 0);
        assertEquals(layout.taskPid() + 4, layout.taskTgid(), "tgid follows pid in task_struct");
        assertEquals(0, layout.inodeMode(), "i_mode opens struct inode");
    }
}
