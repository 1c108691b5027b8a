package io.sockscope.api;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exported package keeps the evolution rule of docs/library.md (Compatibility): values are sealed interfaces
 * of accessors whose implementations callers cannot name, so that adding an accessor breaks nobody. Each
 * violation below is a way a later addition would break a caller, or a way internals would leak into the API.
 */
class ApiShapeTest {
    private final List<String> violations = new ArrayList<>();
    /** Type variables already looked at: a bound may name its own variable ({@code E extends Enum<E>}). */
    private final Set<Type> seenVariables = new HashSet<>();

    @Test
    void everyExportedTypeFollowsTheEvolutionRule() {
        List<Class<?>> types = ExportedTypes.all();
        assertTrue(types.contains(InetSocketEntry.class) && types.contains(SocketQuery.Builder.class),
                "the listing of the package found " + types);
        for (Class<?> c : types) {
            if (c.isRecord()) {
                violations.add(c.getName() + " is a public record: a component added later changes its canonical "
                        + "constructor and every record pattern on it; make it a sealed interface of accessors "
                        + "implemented by a package-private record");
            } else if (c.isInterface()) {
                checkInterface(c);
            } else if (!c.isEnum()) {
                checkClass(c);
            }
            checkFields(c);
            checkSignatures(c);
        }
        assertEquals(List.of(), violations, String.join("\n", violations));
    }

    private void checkInterface(Class<?> c) {
        if (!c.isSealed()) {
            violations.add(c.getName() + " is an interface callers could implement: adding a method would break "
                    + "them; seal it");
            return;
        }
        for (Class<?> p : c.getPermittedSubclasses()) {
            if (ExportedTypes.isExported(p)) {
                if (!p.isInterface()) {
                    violations.add(c.getName() + " permits the public class " + p.getName()
                            + ": callers could construct or deconstruct it; make it package-private");
                }
            } else if (p.isInterface() || !Modifier.isFinal(p.getModifiers())) {
                violations.add(c.getName() + " permits " + p.getName() + ", which is not a final class");
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (m.isSynthetic() || !Modifier.isPublic(m.getModifiers())) {
                continue;
            }
            if (Modifier.isStatic(m.getModifiers())) {
                violations.add(m + " is a factory in a value interface: only the library makes values");
            } else if (m.isDefault()) {
                violations.add(m + " has a body in the API: implement it in the package-private record");
            } else if (m.getParameterCount() != 0 || m.getReturnType() == void.class) {
                violations.add(m + " is not an accessor (no argument, a result)");
            }
        }
    }

    private void checkClass(Class<?> c) {
        int modifiers = c.getModifiers();
        boolean sealedBase = c.isSealed() && Modifier.isAbstract(modifiers);
        if (!Modifier.isFinal(modifiers) && !sealedBase) {
            violations.add(c.getName() + " is a class callers could extend: make it final");
        }
        if (Throwable.class.isAssignableFrom(c)) {
            return;
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (Modifier.isPublic(k.getModifiers()) || Modifier.isProtected(k.getModifiers())) {
                violations.add(k + " lets callers construct " + c.getSimpleName()
                        + ": use a static factory or a builder, or nothing");
            }
        }
    }

    private void checkFields(Class<?> c) {
        for (Field f : c.getDeclaredFields()) {
            int m = f.getModifiers();
            if ((Modifier.isPublic(m) || Modifier.isProtected(m)) && !(Modifier.isStatic(m) && Modifier.isFinal(m))) {
                violations.add(f + " is a field callers can see that is not a constant");
            }
        }
    }

    /** Every type a caller meets in a signature is the JDK's or this package's public one. */
    private void checkSignatures(Class<?> c) {
        if (c.getGenericSuperclass() != null) {
            checkType(c.getGenericSuperclass(), c.getName() + " extends");
        }
        for (Type t : c.getGenericInterfaces()) {
            checkType(t, c.getName() + " implements");
        }
        for (Field f : c.getDeclaredFields()) {
            if (visible(f.getModifiers())) {
                checkType(f.getGenericType(), f.toString());
            }
        }
        List<Executable> members = new ArrayList<>(List.of(c.getDeclaredConstructors()));
        members.addAll(List.of(c.getDeclaredMethods()));
        for (Executable e : members) {
            if (e.isSynthetic() || !visible(e.getModifiers())) {
                continue;
            }
            if (e instanceof Method m) {
                checkType(m.getGenericReturnType(), e.toString());
            }
            for (Type t : e.getGenericParameterTypes()) {
                checkType(t, e.toString());
            }
            for (Type t : e.getGenericExceptionTypes()) {
                checkType(t, e.toString());
            }
        }
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private void checkType(Type t, String where) {
        switch (t) {
            case Class<?> k when k.isArray() -> checkType(k.getComponentType(), where);
            case Class<?> k -> {
                if (!k.isPrimitive() && !k.getPackageName().startsWith("java.") && !ExportedTypes.isExported(k)) {
                    violations.add(where + " names " + k.getName() + ", which callers cannot see or must not use");
                }
            }
            case ParameterizedType p -> {
                checkType(p.getRawType(), where);
                for (Type a : p.getActualTypeArguments()) {
                    checkType(a, where);
                }
            }
            case WildcardType w -> {
                for (Type b : w.getUpperBounds()) {
                    checkType(b, where);
                }
                for (Type b : w.getLowerBounds()) {
                    checkType(b, where);
                }
            }
            case TypeVariable<?> v when !seenVariables.add(v) -> {
            }
            case TypeVariable<?> v -> {
                for (Type b : v.getBounds()) {
                    checkType(b, where);
                }
            }
            case GenericArrayType a -> checkType(a.getGenericComponentType(), where);
            default -> violations.add(where + ": an unexpected kind of type " + t);
        }
    }
}
