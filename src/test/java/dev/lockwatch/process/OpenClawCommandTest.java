package dev.lockwatch.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OpenClawCommandTest {
    @Test
    void recognisesOpenClawByItsArguments() {
        assertThat(OpenClawCommand.isOpenClaw(List.of("node", "/usr/lib/node_modules/openclaw/openclaw.mjs", "gateway", "run"))).isTrue();
        assertThat(OpenClawCommand.isOpenClaw(List.of("/usr/local/bin/openclaw", "agent"))).isTrue();
        assertThat(OpenClawCommand.isOpenClaw(List.of("openclaw-gateway"))).isTrue();
        assertThat(OpenClawCommand.isOpenClaw(List.of("node", "/srv/app/dist/index.js", "gateway"))).isTrue();
        assertThat(OpenClawCommand.isOpenClaw(List.of("node", "/srv/app/dist/index.js", "serve"))).isFalse();
        assertThat(OpenClawCommand.isOpenClaw(List.of("vim", "notes-about-openclaw.txt"))).isFalse();
        assertThat(OpenClawCommand.isOpenClaw(List.of("sleep", "600"))).isFalse();
    }

    @Test
    void recognisesGatewaysOnly() {
        assertThat(OpenClawCommand.isGateway(List.of("node", "/opt/openclaw/openclaw.mjs", "gateway", "run"))).isTrue();
        assertThat(OpenClawCommand.isGateway(List.of("openclaw-gateway"))).isTrue();
        assertThat(OpenClawCommand.isGateway(List.of("openclaw", "gateway"))).isTrue();
        assertThat(OpenClawCommand.isGateway(List.of("node", "/opt/openclaw/openclaw.mjs", "agent"))).isFalse();
        assertThat(OpenClawCommand.isGateway(List.of("bash", "-c", "gateway"))).isFalse();
    }

    @Test
    void statLineParsesAfterTheLastParenthesis() {
        LinuxProcProbe.StatLine line = LinuxProcProbe.StatLine.parse(
                "42 (evil) S 1 2 3) Z 1 1 1 0 -1 4194304 84 0 0 0 0 0 0 0 20 0 1 0 35296 475136 39");
        assertThat(line.state()).isEqualTo('Z');
        assertThat(line.starttime()).isEqualTo(35296L);
    }
}
