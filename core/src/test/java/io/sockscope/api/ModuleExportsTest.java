package io.sockscope.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library's module exports its API package and nothing else, and requires nothing beyond java.base. */
class ModuleExportsTest {
    @Test
    void onlyTheApiIsExported() throws IOException {
        Path descriptor = Path.of("target", "classes", "module-info.class");
        assertTrue(Files.isRegularFile(descriptor), "compiled module descriptor at " + descriptor.toAbsolutePath());
        try (InputStream in = Files.newInputStream(descriptor)) {
            ModuleDescriptor module = ModuleDescriptor.read(in);
            assertEquals("io.sockscope", module.name());
            assertEquals(Set.of("io.sockscope.api"),
                    module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
            assertTrue(module.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified));
            assertEquals(Set.of("java.base"),
                    module.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
            assertTrue(module.opens().isEmpty());
        }
    }
}
