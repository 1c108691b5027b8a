package io.sockscope.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every public signature of the exported package, kept in a file beside the tests, so that a change to the API
 * cannot pass unseen: an addition shows in review, a removal or a rename is a break that docs/library.md must
 * name (Compatibility, Changes). After a deliberate change, rebuild the file with
 * {@code -Dsockscope.api.update=true}.
 */
class ApiSignatureTest {
    private static final Path SNAPSHOT = Path.of("src", "test", "resources", "api", "io.sockscope.api.txt");
    private static final String PACKAGE = SocketEntry.class.getPackageName() + ".";

    @Test
    void theApiIsTheOneOnRecord() throws IOException {
        List<String> now = listing();
        if (Boolean.getBoolean("sockscope.api.update")) {
            Files.createDirectories(SNAPSHOT.getParent());
            Files.write(SNAPSHOT, now, StandardCharsets.UTF_8);
            return;
        }
        List<String> kept = Files.readAllLines(SNAPSHOT, StandardCharsets.UTF_8);
        if (kept.equals(now)) {
            return;
        }
        Set<String> removed = qualified(kept);
        removed.removeAll(qualified(now));
        Set<String> added = qualified(now);
        added.removeAll(qualified(kept));
        fail("the API of " + PACKAGE + " differs from " + SNAPSHOT + ".\n"
                + "Gone (a break for callers unless docs/library.md names it under Changes):\n  "
                + String.join("\n  ", removed) + "\nNew:\n  " + String.join("\n  ", added)
                + "\nIf the change is meant, rebuild the file with -Dsockscope.api.update=true.");
    }

    /** Each member line with its type's line before it, so that a difference reads alone. */
    private static Set<String> qualified(List<String> listing) {
        Set<String> out = new LinkedHashSet<>();
        String type = "";
        for (String line : listing) {
            if (line.startsWith(" ")) {
                out.add(type + " { " + line.strip() + " }");
            } else {
                type = line;
                out.add(line);
            }
        }
        return out;
    }

    /** One line per type, then its members' lines, indented and sorted, type by type in name order. */
    static List<String> listing() {
        List<String> out = new ArrayList<>();
        for (Class<?> c : ExportedTypes.all()) {
            out.add(header(c));
            List<String> fields = new ArrayList<>();
            for (Field f : c.getDeclaredFields()) {
                if (visible(f.getModifiers()) && !f.isSynthetic()) {
                    fields.add(modifiers(f.getModifiers()) + name(f.getGenericType()) + " " + f.getName());
                }
            }
            fields.sort(null);
            // Members by name, so that an addition lands next to its kin and a diff reads well.
            Map<String, String> byName = new TreeMap<>();
            List<Executable> executables = new ArrayList<>(Arrays.asList(c.getDeclaredConstructors()));
            executables.addAll(Arrays.asList(c.getDeclaredMethods()));
            for (Executable e : executables) {
                if (visible(e.getModifiers()) && !e.isSynthetic()) {
                    String line = signature(e);
                    byName.put((e instanceof Constructor<?> ? " " : e.getName()) + " " + line, line);
                }
            }
            List<String> members = new ArrayList<>(fields);
            members.addAll(byName.values());
            members.forEach(m -> out.add("    " + m));
        }
        return out;
    }

    private static String header(Class<?> c) {
        StringBuilder h = new StringBuilder("public ");
        if (c.isMemberClass() && Modifier.isStatic(c.getModifiers())) {
            h.append("static ");
        }
        if (c.isSealed()) {
            h.append("sealed ");
        }
        String kind = c.isInterface() ? "interface" : c.isEnum() ? "enum" : c.isRecord() ? "record" : "class";
        if (kind.equals("class") && Modifier.isFinal(c.getModifiers())) {
            h.append("final ");
        }
        if (kind.equals("class") && Modifier.isAbstract(c.getModifiers())) {
            h.append("abstract ");
        }
        h.append(kind).append(' ').append(name(c));
        if (kind.equals("class") && c.getGenericSuperclass() != Object.class) {
            h.append(" extends ").append(name(c.getGenericSuperclass()));
        }
        if (c.getGenericInterfaces().length > 0 && !c.isEnum()) {
            h.append(c.isInterface() ? " extends " : " implements ").append(Arrays.stream(c.getGenericInterfaces())
                    .map(ApiSignatureTest::name).collect(Collectors.joining(", ")));
        }
        if (c.isSealed()) {
            // Only what callers see: the package-private implementations are free to change.
            String permits = Arrays.stream(c.getPermittedSubclasses()).filter(ExportedTypes::isExported)
                    .map(ApiSignatureTest::name).collect(Collectors.joining(", "));
            if (!permits.isEmpty()) {
                h.append(" permits ").append(permits);
            }
        }
        return h.toString();
    }

    private static String signature(Executable e) {
        StringBuilder s = new StringBuilder(modifiers(e.getModifiers()));
        if (e instanceof Method m) {
            s.append(name(m.getGenericReturnType())).append(' ').append(m.getName());
        } else if (e instanceof Constructor<?> k) {
            s.append(name(k.getDeclaringClass()));
        }
        String parameters = Arrays.stream(e.getGenericParameterTypes()).map(ApiSignatureTest::name)
                .collect(Collectors.joining(", "));
        if (e.isVarArgs()) {
            parameters = parameters.substring(0, parameters.length() - "[]".length()) + "...";
        }
        s.append('(').append(parameters).append(')');
        Type[] thrown = e.getGenericExceptionTypes();
        if (thrown.length > 0) {
            s.append(" throws ").append(Arrays.stream(thrown).map(ApiSignatureTest::name)
                    .collect(Collectors.joining(", ")));
        }
        return s.toString();
    }

    private static String modifiers(int modifiers) {
        String text = Modifier.toString(modifiers & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC
                | Modifier.FINAL | Modifier.ABSTRACT));
        return text.isEmpty() ? "" : text + " ";
    }

    private static String name(Type t) {
        return t.getTypeName().replace(PACKAGE, "");
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }
}
