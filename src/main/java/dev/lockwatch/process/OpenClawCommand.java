package dev.lockwatch.process;

import java.util.List;
import java.util.Locale;

/** Tells OpenClaw processes by their command line, with the gateway's own rules. */
public final class OpenClawCommand {
    private static final List<String> ENTRY_POINTS = List.of("dist/index.js", "dist/entry.js", "dist/index.mjs", "dist/entry.mjs");

    private OpenClawCommand() {
    }

    /**
     * True when some argument is {@code openclaw} or {@code openclaw.mjs} (bare or as a path), or when an
     * OpenClaw entry point runs with a {@code gateway} or {@code agent} argument. The gateway's process
     * title {@code openclaw-gateway} also counts: on Linux it replaces the whole command line. Lockwatch's own demo
     * gateway counts too (see {@link #isLockwatchDemoGateway}).
     */
    public static boolean isOpenClaw(List<String> argv) {
        if (argv == null) {
            return false;
        }
        if (isLockwatchDemoGateway(argv)) {
            return true;
        }
        for (String arg : argv) {
            String name = baseName(arg);
            if (name.equals("openclaw") || name.equals("openclaw.mjs") || name.equals("openclaw-gateway")) {
                return true;
            }
        }
        return hasEntryPoint(argv) && (argv.contains("gateway") || argv.contains("agent"));
    }

    /**
     * True when the command line is a gateway's: it has a {@code gateway} argument and an OpenClaw entry
     * point, or the executable itself is {@code openclaw-gateway} (its process title), or {@code openclaw gateway}.
     * Lockwatch's own demo gateway counts too (see {@link #isLockwatchDemoGateway}).
     */
    public static boolean isGateway(List<String> argv) {
        if (argv == null || argv.isEmpty()) {
            return false;
        }
        if (isLockwatchDemoGateway(argv)) {
            return true;
        }
        String exe = baseName(argv.get(0));
        if (exe.equals("openclaw-gateway")) {
            return true;
        }
        boolean gatewayArg = argv.stream().skip(1).anyMatch(a -> a.equals("gateway"));
        if (!gatewayArg) {
            return false;
        }
        if (exe.equals("openclaw")) {
            return true;
        }
        return hasEntryPoint(argv) || argv.stream().anyMatch(a -> baseName(a).equals("openclaw.mjs"));
    }

    /**
     * True for Lockwatch's own demo gateway ({@code java -jar lockwatch.jar demo-gateway ...}, or the installed
     * {@code lockwatch} launcher, or the {@code dev.lockwatch.app.Launcher} main class): a {@code demo-gateway}
     * argument after an argument that names Lockwatch ({@code lockwatch*.jar} or a launcher named {@code lockwatch}).
     * The demo writes its locks exactly as an OpenClaw gateway does, so it must be judged as one; it is not OpenClaw.
     */
    public static boolean isLockwatchDemoGateway(List<String> argv) {
        if (argv == null) {
            return false;
        }
        int demo = argv.indexOf("demo-gateway");
        for (int i = 0; i < demo; i++) {
            String name = baseName(argv.get(i)).toLowerCase(Locale.ROOT);
            if ((name.startsWith("lockwatch") && name.endsWith(".jar")) || name.equals("lockwatch")
                    || argv.get(i).equals("dev.lockwatch.app.Launcher")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasEntryPoint(List<String> argv) {
        return argv.stream().anyMatch(a -> ENTRY_POINTS.stream().anyMatch(e -> a.equals(e) || a.endsWith("/" + e)));
    }

    private static String baseName(String arg) {
        String trimmed = arg.trim();
        int slash = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
        String name = slash >= 0 ? trimmed.substring(slash + 1) : trimmed;
        return name.toLowerCase(Locale.ROOT).endsWith(".exe") ? name.substring(0, name.length() - 4) : name;
    }
}
