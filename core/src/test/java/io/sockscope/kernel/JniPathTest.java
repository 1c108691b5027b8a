package io.sockscope.kernel;

import io.sockscope.testing.JniLibrary;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The kernel package's C library calls give the same results, errors included, through the JNI library as
 * through FFM, and a library that cannot be used leaves the FFM path in charge.
 */
class JniPathTest {

    @Test
    void theJniLibraryAnswersAsTheDowncallsDo() throws Exception {
        Path library = JniLibrary.built().orElse(null);
        assumeTrue(library != null, "the JNI library is not built (bin/build-native builds it)");
        List<String> jni = JniLibrary.runMain(JniProbe.class, library.toString());
        List<String> ffm = JniLibrary.runMain(JniProbe.class, null);
        assertEquals("jni true", jni.getFirst(), "the library was loaded and used");
        assertEquals("jni false", ffm.getFirst());
        assertEquals(ffm.subList(1, ffm.size()), jni.subList(1, jni.size()));
    }

    @Test
    void aLibraryThatCannotBeLoadedLeavesTheDowncalls() throws Exception {
        List<String> ffm = JniLibrary.runMain(JniProbe.class, null);
        for (String unusable : List.of("/nonexistent/libsockscope.so", "relative/libsockscope.so", "/dev/null")) {
            assertEquals(ffm, JniLibrary.runMain(JniProbe.class, unusable), unusable);
        }
    }
}
