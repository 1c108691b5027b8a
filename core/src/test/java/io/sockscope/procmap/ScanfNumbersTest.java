package io.sockscope.procmap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** sscanf's {@code %d} and {@code %u} as glibc performs them, on the inputs ss can meet. */
class ScanfNumbersTest {
    private static final String NONE = "none";

    @ParameterizedTest(name = "%d of \"{0}\" is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "1234|1234",
            "0|0",
            "007|7",
            "12abc|12",
            "\" \t42\"|42",
            "+5|5",
            "-5|-5",
            "2147483647|2147483647",
            "2147483648|-2147483648",              // strtol gives 2^31, the int cast wraps it
            "4294967296|0",
            "99999999999999999999|-1",             // strtol saturates at LONG_MAX, whose low 32 bits are -1
            "-99999999999999999999|0",             // LONG_MIN's low 32 bits
            "self|none",
            "|none",
            "-|none",
            "+|none",
            "\" \"|none",
            "x1|none",
    })
    void percentD(String text, String expected) {
        byte[] bytes = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
        long value = ScanfNumbers.parseInt(bytes, 0, bytes.length);
        assertEquals(expected, value == ScanfNumbers.NO_NUMBER ? NONE : Long.toString(value));
    }

    @ParameterizedTest(name = "%u of \"{0}\" is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "123]|123",
            "4294967295|4294967295",
            "4294967296|0",                        // strtoul keeps it, the unsigned int cast drops bit 32
            "4294967297|1",
            "18446744073709551615|4294967295",
            "18446744073709551616|4294967295",     // saturates at ULONG_MAX
            "99999999999999999999999999|4294967295",
            "-1|4294967295",                       // negated modulo 2^64
            "-4294967295|1",
            "\"  77\"|77",
            "]|none",
            "|none",
    })
    void percentU(String text, String expected) {
        byte[] bytes = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
        long value = ScanfNumbers.parseUnsigned(bytes, 0, bytes.length);
        assertEquals(expected, value == ScanfNumbers.NO_NUMBER ? NONE : Long.toString(value));
    }

    @ParameterizedTest(name = "stops at NUL: {0}")
    @CsvSource({"12", "1"})
    void aNulByteEndsTheText(String digits) {
        byte[] bytes = (digits + "\u00009").getBytes(StandardCharsets.UTF_8);
        assertEquals(Long.parseLong(digits), ScanfNumbers.parseInt(bytes, 0, bytes.length));
        assertEquals(Long.parseLong(digits), ScanfNumbers.parseUnsigned(bytes, 0, bytes.length));
    }
}
