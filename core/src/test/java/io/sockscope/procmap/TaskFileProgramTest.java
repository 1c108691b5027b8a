package io.sockscope.procmap;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-assembled program: its shape, its offsets and where its jumps land. */
class TaskFileProgramTest {
    private static final TaskFileLayout LAYOUT = new TaskFileLayout(777, 1264, 1268, 1752, 32, 0, 64);

    @Test
    void everyJumpLandsOnTheCommonExit() {
        byte[] code = TaskFileProgram.assemble(LAYOUT);
        assertEquals(0, code.length % 8);
        int count = code.length / 8;
        ByteBuffer b = ByteBuffer.wrap(code).order(ByteOrder.nativeOrder());
        assertEquals(0x95, code[8 * (count - 1)] & 0xFF, "ends with exit");
        assertEquals(0xB7, code[8 * (count - 2)] & 0xFF, "after r0 = 0");
        int jumps = 0;
        for (int i = 0; i < count; i++) {
            int opcode = code[8 * i] & 0xFF;
            if (opcode == 0x15 || opcode == 0x55 || opcode == 0x5D) {
                jumps++;
                assertEquals(count - 2, i + 1 + b.getShort(8 * i + 2), "jump at " + i);
            }
        }
        assertEquals(5, jumps, "no task, no file, no inode, not a socket, not the leader");
    }

    @Test
    void loadsUseTheLayoutsOffsets() {
        byte[] code = TaskFileProgram.assemble(LAYOUT);
        ByteBuffer b = ByteBuffer.wrap(code).order(ByteOrder.nativeOrder());
        StringBuilder offsets = new StringBuilder();
        for (int i = 0; i < code.length / 8; i++) {
            int opcode = code[8 * i] & 0xFF;
            if (opcode == 0x79 || opcode == 0x61 || opcode == 0x69) {
                offsets.append(b.getShort(8 * i + 2)).append(' ');
            }
        }
        // ctx->meta, ->task, ->file, ->fd; file->f_inode; inode->i_mode; task->tgid, ->pid; inode->i_ino;
        // task->comm in two halves; meta->seq.
        assertEquals("0 8 24 16 32 0 1268 1264 64 1752 1760 0 ", offsets.toString());
        assertTrue(code.length / 8 < 64);
    }
}
