package dev.lockwatch.process;

import java.nio.file.Files;
import java.nio.file.Path;

/** Picks the probe for the platform Lockwatch runs on. */
public final class ProcessProbes {
    private ProcessProbes() {
    }

    public static ProcessProbe forThisPlatform() {
        if (Files.isReadable(Path.of("/proc/self/stat"))) {
            return new LinuxProcProbe();
        }
        return new PortableProcessProbe();
    }
}
