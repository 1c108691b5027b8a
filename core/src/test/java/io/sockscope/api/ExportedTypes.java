package io.sockscope.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The public types of the exported package, read from the compiled classes (a directory in the build, a jar when
 * packaged): reflection alone cannot list a package, and a type nobody mentions must be checked too.
 */
final class ExportedTypes {
    private ExportedTypes() {
    }

    /** Every public top-level or public member type of {@code io.sockscope.api}, by name. */
    static List<Class<?>> all() {
        List<Class<?>> out = new ArrayList<>();
        for (String name : classNames()) {
            Class<?> c = load(name);
            if (isExported(c)) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparing(Class::getName));
        return out;
    }

    /** Whether a caller can name the type: public, and public all the way out. */
    static boolean isExported(Class<?> c) {
        for (Class<?> t = c; t != null; t = t.getEnclosingClass()) {
            if (!java.lang.reflect.Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
                return false;
            }
        }
        return c.getPackageName().equals(SocketEntry.class.getPackageName());
    }

    private static List<String> classNames() {
        String dir = SocketEntry.class.getPackageName().replace('.', '/');
        try {
            Path root = Path.of(SocketEntry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(root)) {
                return names(root, root.resolve(dir));
            }
            try (FileSystem jar = FileSystems.newFileSystem(root)) {
                Path top = jar.getPath("/");
                return names(top, top.resolve(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names(Path root, Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> root.relativize(p).toString())
                    .filter(n -> n.endsWith(".class") && !n.endsWith("package-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, SocketEntry.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
