package io.sockscope.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The compiled classes of one module, read from wherever the test's class path has them: a directory of
 * classes when the build stops before {@code package} ({@code mvn test}), the module's jar after it.
 */
final class CompiledClasses {
    private CompiledClasses() {
    }

    /** Every class (not {@code module-info}) in the directory or jar that {@code anchor} was loaded from. */
    static List<ClassModel> besides(Class<?> anchor) {
        try {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                return read(location);
            }
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                return read(jar.getPath("/"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ClassModel> read(Path root) throws IOException {
        List<ClassModel> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(CompiledClasses::isClass).sorted().toList()) {
                classes.add(ClassFile.of().parse(Files.readAllBytes(f)));
            }
        }
        return classes;
    }

    private static boolean isClass(Path f) {
        String name = f.getFileName() == null ? "" : f.getFileName().toString();
        return name.endsWith(".class") && !name.equals("module-info.class") && Files.isRegularFile(f);
    }
}
