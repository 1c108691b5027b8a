package io.sockscope.architecture;

import java.lang.classfile.AccessFlags;
import java.lang.classfile.AttributedElement;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassSignature;
import java.lang.classfile.MethodSignature;
import java.lang.classfile.Signature;
import java.lang.classfile.attribute.InnerClassInfo;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.MethodTypeEntry;
import java.lang.classfile.constantpool.NameAndTypeEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.Set;
import java.util.TreeSet;

/**
 * The classes one compiled class depends on, read from its class file rather than its source: what the
 * compiler resolved is what runs, and imports miss fully qualified names and same-named nested types.
 */
final class ClassDependencies {
    private ClassDependencies() {
    }

    /** The class's binary name, {@code io.sockscope.render.SsTable$Row}. */
    static String name(ClassModel c) {
        return c.thisClass().asInternalName().replace('/', '.');
    }

    /**
     * Every class the class file names: the constant pool's class entries (what it instantiates, calls,
     * casts to, catches), the descriptors of what it calls and declares (a type only passed along appears
     * nowhere else), and the generic signatures ({@code List<TcpInfo>} erases to {@code List}). Annotations
     * are not read: the code declares none of its own.
     */
    static Set<String> referenced(ClassModel c) {
        Set<String> out = new TreeSet<>();
        for (PoolEntry e : c.constantPool()) {
            switch (e) {
                case ClassEntry k -> add(k.asSymbol(), out);
                case NameAndTypeEntry nt -> addDescriptor(nt.type().stringValue(), out);
                case MethodTypeEntry mt -> add(mt.asSymbol(), out);
                default -> {
                }
            }
        }
        addClassSignature(c, out);
        c.fields().forEach(f -> {
            add(f.fieldTypeSymbol(), out);
            addTypeSignature(f, out);
        });
        c.methods().forEach(m -> {
            add(m.methodTypeSymbol(), out);
            addMethodSignature(m, out);
        });
        out.remove(name(c));
        return out;
    }

    /**
     * The classes a caller outside the package can see in this class's signatures: its supertypes and the
     * types of its public and protected fields, constructors and methods, generics included. Empty when the
     * class itself is not public.
     */
    static Set<String> inPublicSignatures(ClassModel c) {
        Set<String> out = new TreeSet<>();
        if (!exported(c)) {
            return out;
        }
        c.superclass().ifPresent(s -> add(s.asSymbol(), out));
        c.interfaces().forEach(i -> add(i.asSymbol(), out));
        addClassSignature(c, out);
        c.fields().stream().filter(f -> visible(f.flags())).forEach(f -> {
            add(f.fieldTypeSymbol(), out);
            addTypeSignature(f, out);
        });
        c.methods().stream().filter(m -> visible(m.flags())).forEach(m -> {
            add(m.methodTypeSymbol(), out);
            addMethodSignature(m, out);
            m.findAttribute(Attributes.exceptions())
                    .ifPresent(x -> x.exceptions().forEach(k -> add(k.asSymbol(), out)));
        });
        out.remove(name(c));
        return out;
    }

    /** Public, and for a nested class declared public or protected in its outer class too. */
    private static boolean exported(ClassModel c) {
        if (!c.flags().has(java.lang.reflect.AccessFlag.PUBLIC)) {
            return false;
        }
        return c.findAttribute(Attributes.innerClasses()).stream()
                .flatMap(a -> a.classes().stream())
                .filter(i -> i.innerClass().equals(c.thisClass()))
                .allMatch(ClassDependencies::visible);
    }

    private static boolean visible(InnerClassInfo i) {
        return (i.flagsMask() & (ClassFile.ACC_PUBLIC | ClassFile.ACC_PROTECTED)) != 0;
    }

    /** Public or protected, and written in the source (a bridge method's erased types are not an API). */
    private static boolean visible(AccessFlags flags) {
        int mask = flags.flagsMask();
        return (mask & (ClassFile.ACC_PUBLIC | ClassFile.ACC_PROTECTED)) != 0 && (mask & ClassFile.ACC_SYNTHETIC) == 0;
    }

    private static void addDescriptor(String descriptor, Set<String> out) {
        if (descriptor.startsWith("(")) {
            add(MethodTypeDesc.ofDescriptor(descriptor), out);
        } else {
            add(ClassDesc.ofDescriptor(descriptor), out);
        }
    }

    private static void add(MethodTypeDesc m, Set<String> out) {
        add(m.returnType(), out);
        m.parameterList().forEach(p -> add(p, out));
    }

    private static void add(ClassDesc d, Set<String> out) {
        while (d.isArray()) {
            d = d.componentType();
        }
        if (d.isClassOrInterface()) {
            String s = d.descriptorString();
            out.add(s.substring(1, s.length() - 1).replace('/', '.'));
        }
    }

    private static void addClassSignature(ClassModel c, Set<String> out) {
        c.findAttribute(Attributes.signature()).ifPresent(a -> {
            ClassSignature s = a.asClassSignature();
            typeParameters(s.typeParameters(), out);
            add(s.superclassSignature(), out);
            s.superinterfaceSignatures().forEach(i -> add(i, out));
        });
    }

    private static void addTypeSignature(AttributedElement e, Set<String> out) {
        e.findAttribute(Attributes.signature()).ifPresent(a -> add(a.asTypeSignature(), out));
    }

    private static void addMethodSignature(AttributedElement e, Set<String> out) {
        e.findAttribute(Attributes.signature()).ifPresent(a -> {
            MethodSignature s = a.asMethodSignature();
            typeParameters(s.typeParameters(), out);
            s.arguments().forEach(p -> add(p, out));
            add(s.result(), out);
            s.throwableSignatures().forEach(t -> add(t, out));
        });
    }

    private static void typeParameters(java.util.List<Signature.TypeParam> params, Set<String> out) {
        for (Signature.TypeParam p : params) {
            p.classBound().ifPresent(b -> add(b, out));
            p.interfaceBounds().forEach(b -> add(b, out));
        }
    }

    private static void add(Signature s, Set<String> out) {
        switch (s) {
            case Signature.ClassTypeSig c -> {
                c.outerType().ifPresent(o -> add(o, out));
                add(c.classDesc(), out);
                for (Signature.TypeArg a : c.typeArgs()) {
                    if (a instanceof Signature.TypeArg.Bounded b) {
                        add(b.boundType(), out);
                    }
                }
            }
            case Signature.ArrayTypeSig a -> add(a.componentSignature(), out);
            // Base types and type variables name no class.
            default -> {
            }
        }
    }
}
