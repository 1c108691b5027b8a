package io.sockscope.source;

import io.sockscope.model.SocketRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.sockscope.source.ProcNetTestSupport.everything;
import static io.sockscope.source.ProcNetTestSupport.fixture;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged copies of the real zoo files (bytes flipped, inserted, deleted, lines cut): every dump ends in
 * sockets and warnings or a {@link SourceException}, never another exception.
 */
class ProcNetFuzzTest {
    private static final String[] FILES = {"tcp", "tcp6", "udp", "udp6", "raw", "raw6", "unix", "packet", "netlink"};
    private static final byte[] ALPHABET = "0123456789abcdefABCDEFxX:-+ \t\n@\0/\u00ff".getBytes(
            java.nio.charset.StandardCharsets.ISO_8859_1);

    @Test
    void damagedFilesNeverThrowAnythingElse(@TempDir Path root) throws IOException {
        Path zoo = fixture("zoo").resolve("net");
        Random random = new Random(20240601);
        Files.createDirectories(root.resolve("net"));
        int records = 0;
        int warnings = 0;
        int failures = 0;
        for (int round = 0; round < 300; round++) {
            for (String name : FILES) {
                byte[] original = Files.readAllBytes(zoo.resolve(name));
                Files.write(root.resolve("net").resolve(name), damage(original, random));
            }
            ProcNetSource source = new ProcNetSource(new ProcPaths(Map.of("PROC_ROOT", root.toString())), 100);
            for (DumpKind kind : DumpKind.values()) {
                List<SocketRecord> got = new ArrayList<>();
                List<String> warned = new ArrayList<>();
                try {
                    source.dump(kind, everything(), got::add, warned::add);
                } catch (SourceException expected) {
                    failures++;
                }
                records += got.size();
                warnings += warned.size();
            }
        }
        assertTrue(records > 5_000, "damage left most lines readable: " + records);
        assertTrue(warnings > 100, "damage was noticed: " + warnings);
        assertTrue(failures > 0, "some damage failed a table: " + failures);
    }

    private static byte[] damage(byte[] data, Random random) {
        byte[] out = data.clone();
        int edits = 1 + random.nextInt(6);
        for (int i = 0; i < edits && out.length > 0; i++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(4)) {
                case 0 -> out[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                case 1 -> out = splice(out, at, 1 + random.nextInt(8), new byte[0]);
                case 2 -> {
                    byte[] insert = new byte[1 + random.nextInt(300)];
                    for (int k = 0; k < insert.length; k++) {
                        insert[k] = ALPHABET[random.nextInt(ALPHABET.length)];
                    }
                    out = splice(out, at, 0, insert);
                }
                default -> out = java.util.Arrays.copyOf(out, at);
            }
        }
        return out;
    }

    private static byte[] splice(byte[] data, int at, int remove, byte[] insert) {
        int cut = Math.min(remove, data.length - at);
        byte[] out = new byte[data.length - cut + insert.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(data, at + cut, out, at + insert.length, data.length - at - cut);
        return out;
    }
}
