package dev.lockwatch.restart;

import dev.lockwatch.gateway.GatewayDiscovery;
import dev.lockwatch.gateway.GatewayInfo;
import dev.lockwatch.process.ProcessProbe;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@link RestartFlow.Gateways} over {@link GatewayDiscovery}: the state dir and lock dir the operator chose. */
public record GatewayLocator(Optional<Path> stateDir, Optional<Path> lockDir, ProcessProbe probe) implements RestartFlow.Gateways {

    @Override
    public GatewayInfo inspect(Path lockPath) {
        return GatewayDiscovery.inspect(lockPath, probe.snapshot());
    }

    @Override
    public List<GatewayInfo> discover() {
        return GatewayDiscovery.find(stateDir, lockDir, probe);
    }
}
