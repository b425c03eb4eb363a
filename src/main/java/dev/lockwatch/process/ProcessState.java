package dev.lockwatch.process;

import java.util.List;

/**
 * What the operating system says about one pid at one moment.
 *
 * @param alive     the pid exists and is not a zombie (a process of another user still counts)
 * @param starttime clock ticks since boot ({@code /proc/<pid>/stat} field 22), null where unknown
 * @param argv      the command line split into arguments, null where unreadable or empty
 * @param uid       the real uid of the process, null where unknown
 */
public record ProcessState(boolean alive, Long starttime, List<String> argv, Integer uid) {

    public static final ProcessState DEAD = new ProcessState(false, null, null, null);

    public ProcessState {
        argv = argv == null ? null : List.copyOf(argv);
    }

    /** The command line as one string (arguments joined by spaces), null where unreadable. */
    public String command() {
        return argv == null ? null : String.join(" ", argv);
    }
}
