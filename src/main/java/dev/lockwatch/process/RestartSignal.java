package dev.lockwatch.process;

/**
 * The signals that ask an OpenClaw gateway to restart: {@link #SIGUSR1} up to OpenClaw 2026.9.5, {@link #SIGUSR2}
 * from 2026.9.6 (where SIGUSR1 opens Node's debugger instead). Their numbers differ by platform (Linux 10/12,
 * macOS 30/31); {@link #number()} asks {@link Signaller}, the one class that knows the platform's constants.
 */
public enum RestartSignal {
    SIGUSR1,
    SIGUSR2;

    /** This platform's number of the signal. */
    public int number() {
        return Signaller.number(this);
    }
}
