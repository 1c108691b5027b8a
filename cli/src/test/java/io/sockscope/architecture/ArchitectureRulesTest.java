package io.sockscope.architecture;

import org.junit.jupiter.api.Test;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.MethodSignature;
import java.lang.classfile.Signature;
import java.lang.classfile.attribute.SignatureAttribute;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules see what hides from imports — a type only in a generic signature or only passed along — and
 * the ledger fails on every way the classes and the list of debts can disagree. Classes are made here with
 * the class-file API, so that no broken class has to exist in the tree.
 */
class ArchitectureRulesTest {
    private static final ClassDesc LIST = ClassDesc.of("java.util.List");

    @Test
    void aTypeOnlyInAGenericSignatureOrADescriptorIsADependency() {
        ClassModel c = build("io.sockscope.render.Probe", cb -> {
            cb.withField("rows", LIST, fb -> fb.withFlags(ClassFile.ACC_PRIVATE)
                    .with(SignatureAttribute.of(Signature.parseFrom("Ljava/util/List<Lio/sockscope/netlink/TcpInfo;>;"))));
            cb.withMethod("show", MethodTypeDesc.of(ConstantDescs.CD_void, ClassDesc.of("io.sockscope.netlink.SkMemInfo")),
                    ClassFile.ACC_STATIC, mb -> mb.withCode(CodeBuilder::return_));
        });
        assertEquals(Set.of("netlink → io.sockscope.netlink.TcpInfo", "netlink → io.sockscope.netlink.SkMemInfo"),
                edges(ArchitectureRules.violations(c, true)));
    }

    @Test
    void theApiLeaksNoInternalTypeInAPublicSignature() {
        ClassModel c = build("io.sockscope.api.Probe", cb -> {
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL);
            cb.withMethod("entries", MethodTypeDesc.of(LIST), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                    mb -> mb.with(SignatureAttribute.of(MethodSignature.parseFrom(
                                    "()Ljava/util/List<Lio/sockscope/inspect/QueryRunner;>;")))
                            .withCode(code -> code.aconst_null().areturn()));
            // The engine behind a private method is the API's own business.
            cb.withMethod("run", MethodTypeDesc.of(ConstantDescs.CD_void, ClassDesc.of("io.sockscope.inspect.EntryMapper")),
                    ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC, mb -> mb.withCode(CodeBuilder::return_));
        });
        assertEquals(Set.of("public-signature:inspect → io.sockscope.inspect.QueryRunner"),
                edges(ArchitectureRules.violations(c, true)));
    }

    @Test
    void theApisMappingIsHeldToTheApisRuleButMayNameTheEngineInItsSignatures() {
        ClassModel c = build("io.sockscope.api.internal.Probe", cb -> {
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL);
            // Not exported: its public methods may name the engine's types and the API's.
            cb.withMethod("map", MethodTypeDesc.of(ClassDesc.of("io.sockscope.api.SocketEntry"),
                            ClassDesc.of("io.sockscope.model.SocketRecord"), ClassDesc.of("io.sockscope.inspect.OwnerResolver")),
                    ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, mb -> mb.withCode(code -> code.aconst_null().areturn()));
            // But, like the api, it opens no channel itself.
            cb.withMethod("probe", MethodTypeDesc.of(ConstantDescs.CD_void, ClassDesc.of("io.sockscope.kernel.NetlinkChannel")),
                    ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC, mb -> mb.withCode(CodeBuilder::return_));
        });
        List<Violation> found = ArchitectureRules.violations(c, true);
        assertEquals(Set.of("kernel → io.sockscope.kernel.NetlinkChannel"), edges(found));
        assertEquals("api.internal", found.getFirst().from());
    }

    @Test
    void coreUsesTheJdkAloneAndNeverTheCommand() {
        Consumer<ClassBuilder> body = cb -> cb.withMethod("write",
                MethodTypeDesc.of(ConstantDescs.CD_void, ClassDesc.of("com.fasterxml.jackson.core.JsonGenerator"),
                        ClassDesc.of("io.sockscope.cli.Main")),
                ClassFile.ACC_STATIC, mb -> mb.withCode(CodeBuilder::return_));
        assertEquals(Set.of("third-party → com.fasterxml.jackson.core.JsonGenerator", "cli → io.sockscope.cli.Main"),
                edges(ArchitectureRules.violations(build("io.sockscope.source.Probe", body), true)));
        // The command may use both.
        assertEquals(Set.of(), edges(ArchitectureRules.violations(build("io.sockscope.cli.Probe", body), false)));
    }

    @Test
    void theLedgerFailsOnANewDebtAGrownOneAndAPaidOneStillListed() {
        List<Violation> found = List.of(
                new Violation("render", "netlink", "io.sockscope.render.A", "io.sockscope.netlink.X"),
                new Violation("render", "netlink", "io.sockscope.render.A$1", "io.sockscope.netlink.Y"),
                new Violation("render", "netlink", "io.sockscope.render.B", "io.sockscope.netlink.X"),
                new Violation("render", "source", "io.sockscope.render.C", "io.sockscope.source.Z"),
                new Violation("api", "kernel", "io.sockscope.api.D", "io.sockscope.kernel.W"));
        // A and its anonymous class count once: the count is of source files.
        assertEquals(List.of(), DebtLedger.problems(found, List.of(
                new KnownDebt("render", "netlink", 2, "a"), new KnownDebt("render", "source", 1, "b"),
                new KnownDebt("api", "kernel", 1, "c")), v -> "why"));

        List<String> problems = DebtLedger.problems(found, List.of(
                new KnownDebt("render", "netlink", 1, "decode once"), new KnownDebt("render", "source", 2, "b"),
                new KnownDebt("model", "kernel", 1, "c")), v -> "the rule");
        assertEquals(4, problems.size(), String.join("\n", problems));
        assertTrue(problems.get(0).startsWith("api → kernel is new and forbidden: the rule\n"
                + "    io.sockscope.api.D uses io.sockscope.kernel.W"), problems.get(0));
        assertTrue(problems.get(1).startsWith("render → netlink is a known debt of 1 classes, now 2"), problems.get(1));
        assertTrue(problems.get(1).contains("io.sockscope.render.A$1 uses io.sockscope.netlink.Y"), problems.get(1));
        assertTrue(problems.get(2).startsWith("render → source is down from 2 classes to 1"), problems.get(2));
        assertTrue(problems.get(3).startsWith("model → kernel is paid"), problems.get(3));
    }

    private static ClassModel build(String name, Consumer<ClassBuilder> body) {
        return ClassFile.of().parse(ClassFile.of().build(ClassDesc.of(name), body));
    }

    private static Set<String> edges(List<Violation> violations) {
        return violations.stream().map(v -> v.to() + " → " + v.dependency()).collect(Collectors.toSet());
    }
}
