package io.sockscope.render;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FloatText} against the C library's printf. The table was printed by glibc through mawk
 * ({@code awk -v v=X 'BEGIN{printf "%g|%.3g|%.0f|%.1f", v+0, v+0, v+0, v+0}'}); it holds ss's usual values
 * (rtt in ms, BBR gains, rates) and the hard cases: ties that are exact in binary (1.125, 2.5), decimal ties
 * that are not (1.115, 99.95), carries into a new digit (999999.5), and both ends of the double range. The
 * oracle test does the same for thousands of generated values whenever awk is installed.
 */
class FloatTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            0.004|0.004|0.004|0|0.0
            0.038|0.038|0.038|0|0.0
            5.841|5.841|5.84|6|5.8
            11.675|11.675|11.7|12|11.7
            1234.567|1234.57|1.23e+03|1235|1234.6
            1234.565|1234.57|1.23e+03|1235|1234.6
            123456.5|123456|1.23e+05|123456|123456.5
            1234565|1.23456e+06|1.23e+06|1234565|1234565.0
            0.0001|0.0001|0.0001|0|0.0
            0.00001|1e-05|1e-05|0|0.0
            100000|100000|1e+05|100000|100000.0
            999999.5|1e+06|1e+06|1000000|999999.5
            9999995|1e+07|1e+07|9999995|9999995.0
            2.88671875|2.88672|2.89|3|2.9
            1.125|1.125|1.12|1|1.1
            1.115|1.115|1.11|1|1.1
            1.135|1.135|1.14|1|1.1
            0.5|0.5|0.5|0|0.5
            1.5|1.5|1.5|2|1.5
            2.5|2.5|2.5|2|2.5
            33659990.5|3.366e+07|3.37e+07|33659990|33659990.5
            1365333000|1.36533e+09|1.37e+09|1365333000|1365333000.0
            117057600000|1.17058e+11|1.17e+11|117057600000|117057600000.0
            873813333333.333|8.73813e+11|8.74e+11|873813333333|873813333333.3
            0.25|0.25|0.25|0|0.2
            0.35|0.35|0.35|0|0.3
            99.95|99.95|100|100|100.0
            1e15|1e+15|1e+15|1000000000000000|1000000000000000.0
            123456789012345678|1.23457e+17|1.23e+17|123456789012345680|123456789012345680.0
            5e-324|4.94066e-324|4.94e-324|0|0.0
            """)
    void printsWhatGlibcPrints(String value, String g, String g3, String f0, String f1) {
        double v = Double.parseDouble(value);
        FloatText text = new FloatText();
        assertEquals(g, g(text, v, 6), "%g");
        assertEquals(g3, g(text, v, 3), "%.3g");
        assertEquals(f0, f(text, v, 0), "%.0f");
        assertEquals(f1, f(text, v, 1), "%.1f");
    }

    @Test
    void zeroNegativeAndTheLargestDouble() {
        FloatText text = new FloatText();
        assertEquals("0", g(text, 0.0, 6));
        assertEquals("-0", g(text, -0.0, 6));
        assertEquals("-2.5", g(text, -2.5, 6));
        assertEquals("0.0", f(text, 0.0, 1));
        assertEquals("1.79769e+308", g(text, Double.MAX_VALUE, 6));
        String huge = f(text, Double.MAX_VALUE, 0);
        assertEquals(309, huge.length());
        assertTrue(huge.startsWith("17976931348623157081452742373170435679"), huge);
    }

    @Test
    void agreesWithGlibcOnGeneratedValues() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/awk")), "needs awk as the printf oracle");
        List<Double> values = generated();
        Path input = Files.createTempFile("sockscope-floats", ".txt");
        try {
            StringBuilder lines = new StringBuilder();
            for (double v : values) {
                lines.append(Double.toString(v)).append('\n');
            }
            Files.writeString(input, lines);
            Process awk = new ProcessBuilder("/usr/bin/awk",
                    "{ printf \"%g|%.3g|%.0f|%.1f\\n\", $1+0, $1+0, $1+0, $1+0 }", input.toString())
                    .redirectErrorStream(true).start();
            awk.getOutputStream().close(); // awk reads the file, not stdin
            List<String> expected = new String(awk.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                    .lines().toList();
            assertTrue(awk.waitFor(30, TimeUnit.SECONDS), "awk finished");
            assertEquals(values.size(), expected.size(), "one line per value from awk");
            FloatText text = new FloatText();
            int checked = 0;
            for (int i = 0; i < values.size(); i++) {
                double v = values.get(i);
                String ours = g(text, v, 6) + "|" + g(text, v, 3) + "|" + f(text, v, 0) + "|" + f(text, v, 1);
                assertEquals(expected.get(i), ours, "value " + v);
                checked++;
            }
            assertTrue(checked > 5000, "checked " + checked);
        } finally {
            Files.deleteIfExists(input);
        }
    }

    /** ss-like values (integers over 1000, 256 and 100; rates) and random doubles of every magnitude. */
    private static List<Double> generated() {
        Random random = new Random(20240611);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            values.add((double) random.nextInt(10_000_000) / 1000);
            values.add((double) random.nextInt(2000) / 256.0);
            values.add((double) random.nextInt(100_000) / 100);
            values.add((double) random.nextLong(1L << 40) * 8.0);
            values.add(random.nextInt(1 << 20) * 8000000. / (1 + random.nextInt(100_000)));
            values.add(Math.scalb(random.nextDouble(), random.nextInt(120) - 60));
        }
        for (int i = 0; i < 200; i++) {
            values.add(i + 0.5);
            values.add(i / 8.0);
            values.add(i * 1000 + 0.05);
        }
        return values;
    }

    private static String g(FloatText text, double v, int precision) {
        byte[] out = new byte[512];
        return new String(out, 0, text.g(v, precision, out), StandardCharsets.US_ASCII);
    }

    private static String f(FloatText text, double v, int decimals) {
        byte[] out = new byte[512];
        return new String(out, 0, text.fixed(v, decimals, out), StandardCharsets.US_ASCII);
    }
}
