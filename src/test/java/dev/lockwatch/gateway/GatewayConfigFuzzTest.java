package dev.lockwatch.gateway;

import static dev.lockwatch.fuzz.FuzzAssert.bounded;
import static dev.lockwatch.fuzz.FuzzAssert.check;
import static dev.lockwatch.fuzz.FuzzAssert.printable;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@link GatewayConfig} reads any config file within a bounded time and without throwing (junk reads as null). */
class GatewayConfigFuzzTest {

    @FuzzTest
    void read(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("lockwatch-fuzz-config", ".json");
        try {
            Files.write(file, bytes);
            Boolean restart = bounded(() -> GatewayConfig.restartEnabled(file));
            Path log = bounded(() -> GatewayConfig.loggingFile(file.toString(), null, false));
            check(log == null || restart != null, "a logging file from a config that reads as junk", log);
            printable(log);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
