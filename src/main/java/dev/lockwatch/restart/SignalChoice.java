package dev.lockwatch.restart;

import dev.lockwatch.gateway.GatewayInfo;
import dev.lockwatch.process.RestartSignal;

/** The operator's signal choice and the rules that keep it from hurting the gateway. */
public enum SignalChoice {
    AUTO, SIGUSR1, SIGUSR2;

    /** The signal to send, or why none may be sent. */
    public record Decision(RestartSignal signal, String refusal) {
    }

    public Decision decide(GatewayInfo gateway) {
        RestartSignal byVersion = gateway.restartSignal();
        if (this == AUTO) {
            return byVersion != null ? new Decision(byVersion, null) : new Decision(null,
                    "the gateway's OpenClaw version is unknown, so the restart signal is too: choose --signal SIGUSR1"
                            + " (OpenClaw up to 2026.9.5) or --signal SIGUSR2 (2026.9.6 and later; SIGUSR1 there opens Node's debugger)");
        }
        RestartSignal wanted = this == SIGUSR1 ? RestartSignal.SIGUSR1 : RestartSignal.SIGUSR2;
        if (byVersion != null && byVersion != wanted) {
            String why = wanted == RestartSignal.SIGUSR1
                    ? "OpenClaw " + gateway.version() + " restarts on SIGUSR2; SIGUSR1 would open Node's debugger on 127.0.0.1:9229"
                    : "OpenClaw " + gateway.version() + " restarts on SIGUSR1; it has no SIGUSR2 handler, so SIGUSR2 would kill it";
            return new Decision(null, why + ": refused (use --signal auto)");
        }
        return new Decision(wanted, null);
    }
}
