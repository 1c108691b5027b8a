package io.sockscope.procmap;

import io.sockscope.testing.JniLibrary;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The owner scan finds the same owners in the same order through the JNI library as through FFM. */
class JniPathTest {

    @Test
    void theJniLibraryScansAsTheDowncallsDo() throws Exception {
        Path library = JniLibrary.built().orElse(null);
        assumeTrue(library != null, "the JNI library is not built (bin/build-native builds it)");
        try (ProcFixture proc = ProcFixture.create()) {
            proc.process(10, "web").socket(10, 3, 1001).socket(10, 4, 1002).link(10, "5", "/dev/null")
                    .process(20, "db (primary)").socket(20, 7, 1001).thread(20, 21)
                    .process(21, "db (primary)").socket(21, 9, 2001)
                    .process(30, "empty");
            String root = proc.root().toString();
            List<String> jni = JniLibrary.runMain(JniProbe.class, library.toString(), root);
            List<String> ffm = JniLibrary.runMain(JniProbe.class, null, root);
            assertEquals("jni true, native calls true", jni.getFirst(), "the library was loaded and used");
            assertEquals("jni false, native calls true", ffm.getFirst());
            assertEquals(ffm.subList(1, ffm.size()), jni.subList(1, jni.size()));
            assertTrue(jni.size() > 4, "the sockets were found: " + jni);
        }
    }

    @Test
    void theKernelIteratorRunsThroughTheJniLibraryAsThroughTheDowncalls() throws Exception {
        Path library = JniLibrary.built().orElse(null);
        assumeTrue(library != null, "the JNI library is not built (bin/build-native builds it)");
        assumeTrue(java.nio.file.Files.readString(Path.of("/proc/self/status")).contains("\nUid:\t0\t"),
                "loading a BPF iterator needs root; skipped as a user");
        List<String> jni = JniLibrary.runMain(TaskFileProbe.class, library.toString());
        List<String> ffm = JniLibrary.runMain(TaskFileProbe.class, null);
        assertEquals(List.of("bpf jni true", "applied"), jni.subList(0, 2), String.join("\n", jni));
        assertEquals(List.of("bpf jni false", "applied"), ffm.subList(0, 2), String.join("\n", ffm));
        for (List<String> run : List.of(jni, ffm)) {
            String pid = run.getLast().substring("pid ".length());
            assertTrue(run.get(2).matches("owners \\[Owner\\[command=java, pid=" + pid + ", tid=" + pid
                    + ", fd=\\d+]]"), run.get(2));
        }
    }
}
