package io.sockscope.render;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DeviceNumbersTest {
    @Test
    void splitAsGlibcDoes() {
        // 254:0 in the kernel's encoding (major << 20) is what ss shows as 0/65024, as seen on this machine.
        long kernelDevice = 254L << 20;
        assertEquals(0, DeviceNumbers.major(kernelDevice));
        assertEquals(65024, DeviceNumbers.minor(kernelDevice));
        assertEquals(8, DeviceNumbers.major(0x0801));
        assertEquals(1, DeviceNumbers.minor(0x0801));
    }
}
