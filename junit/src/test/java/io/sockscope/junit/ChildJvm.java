package io.sockscope.junit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs {@link ChildJvmLauncher} in a child JVM on a chosen JUnit, and gives back its lines. */
final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * @param junitJars    a directory of the JUnit jars to run on, or null for this JVM's own
     * @param nativeAccess whether the library may make native calls ({@code --enable-native-access})
     * @param args         {@link ChildJvmLauncher}'s arguments
     */
    static List<String> run(Path junitJars, boolean nativeAccess, String... args) throws IOException,
            InterruptedException {
        List<String> classPath = new ArrayList<>();
        if (junitJars != null) {
            try (Stream<Path> jars = Files.list(junitJars)) {
                jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> classPath.add(p.toString()));
            }
        }
        // surefire starts the tests with a manifest-only jar; the real class path is in this property.
        String own = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : own.split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            boolean junit = name.startsWith("junit-") || name.startsWith("opentest4j")
                    || name.startsWith("apiguardian");
            if (junitJars == null || !junit) {
                classPath.add(entry);
            }
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", String.join(File.pathSeparator, classPath)));
        if (nativeAccess) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add(ChildJvmLauncher.class.getName());
        command.addAll(List.of(args));
        Path log = Files.createTempFile("sockscope-child-jvm", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("the child JVM did not finish in 120 s: " + Files.readString(log));
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError("the child JVM exited with " + p.exitValue() + ": " + lines);
            }
            return lines;
        } finally {
            Files.delete(log);
        }
    }
}
