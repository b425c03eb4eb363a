package dev.lockwatch.hold;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/** This host's name as Node's {@code os.hostname()} says it, for {@link HoldContext#hostname()}. */
public final class Hostnames {
    private Hostnames() {
    }

    /**
     * The kernel's hostname ({@code /proc/sys/kernel/hostname}, what {@code uname} and so Node report), else
     * {@link InetAddress#getLocalHost()}'s name, else {@code localhost}. Never throws.
     */
    public static String thisHost() {
        try (InputStream in = new FileInputStream("/proc/sys/kernel/hostname")) {
            String name = new String(in.readNBytes(256), StandardCharsets.UTF_8).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: ask the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }
}
