package io.sockscope.filter;

import io.sockscope.model.AddressFamily;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the command and the library get from one expression: the program, the refusal, the family. */
class CompiledFilterTest {

    private static CompiledFilter compile(String expression, boolean mayTestMarks) throws Exception {
        ParseContext context = new ParseContext(AddressFamily.UNSPEC, true, true, ParserTableTest.environment());
        return CompiledFilter.compile(List.of(expression.split(" ")), null, context, EphemeralPortRange.FALLBACK,
                mayTestMarks);
    }

    @Test
    void noExpressionIsNone() throws Exception {
        ParseContext context = new ParseContext(AddressFamily.UNSPEC, true, true, ParserTableTest.environment());
        assertSame(CompiledFilter.NONE,
                CompiledFilter.compile(List.of(), null, context, EphemeralPortRange.FALLBACK, false));
        assertNull(CompiledFilter.NONE.bytecode());
        assertFalse(CompiledFilter.NONE.kernelRefusesProgram());
    }

    @Test
    void aPortTestIsAProgramTheKernelRuns() throws Exception {
        CompiledFilter filter = compile("sport = :22", false);
        ParseContext context = new ParseContext(AddressFamily.UNSPEC, true, true, ParserTableTest.environment());
        BytecodePlan plan = BytecodeCompiler.compile(
                Filters.parse(List.of("sport", "=", ":22"), context).expression().orElseThrow());
        assertArrayEquals(((BytecodePlan.Program) plan).bytes(), filter.bytecode());
        assertFalse(filter.kernelRefusesProgram());
        assertEquals(OptionalInt.empty(), filter.familyRestriction());
    }

    @Test
    void marksNeedTheRightToTestThem() throws Exception {
        CompiledFilter without = compile("fwmark = 0x1", false);
        CompiledFilter with = compile("fwmark = 0x1", true);
        assertNull(without.bytecode());
        assertTrue(without.kernelRefusesProgram(), "ss reads /proc/net instead");
        assertNotNull(with.bytecode());
        assertFalse(with.kernelRefusesProgram());
    }

    @Test
    void theParsersFamilyRestrictionIsPassedOn() throws Exception {
        ParseContext inet6 = new ParseContext(AddressFamily.INET6, true, true, ParserTableTest.environment());
        CompiledFilter filter = CompiledFilter.compile(List.of("src", "any"), null, inet6,
                EphemeralPortRange.FALLBACK, false);
        assertEquals(OptionalInt.of(AddressFamily.INET6), filter.familyRestriction());
    }

    @Test
    void badSyntaxIsASyntaxError() {
        assertThrows(FilterSyntaxException.class, () -> compile("sport = = :22", false));
    }
}
