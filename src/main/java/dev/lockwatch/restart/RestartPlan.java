package dev.lockwatch.restart;

import dev.lockwatch.gateway.GatewayInfo;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.process.RestartSignal;
import java.util.List;

/**
 * What a restart will do, shown to the operator before anything is sent.
 *
 * @param gateway  the gateway to signal (null when none was found)
 * @param signal   the signal to send, null when refused
 * @param tracked  the session locks its pid holds now: the ones that must be released
 * @param warnings things the operator must know before sending (e.g. {@code commands.restart} is false)
 * @param refusal  why nothing may be sent, null when the plan may run
 */
public record RestartPlan(GatewayInfo gateway, RestartSignal signal, List<LockReport> tracked, List<String> warnings,
                          String refusal) {
    public RestartPlan {
        tracked = List.copyOf(tracked);
        warnings = List.copyOf(warnings);
    }

    public boolean refused() {
        return refusal != null;
    }
}
