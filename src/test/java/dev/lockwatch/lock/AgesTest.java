package dev.lockwatch.lock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgesTest {
    @Test
    void exactAgesKeepSecondsEverywhere() {
        assertThat(Ages.format(45_900L)).isEqualTo("45s");
        assertThat(Ages.format(723_000L)).isEqualTo("12m03s");
        assertThat(Ages.format(7_507_000L)).isEqualTo("2h05m07s");
        assertThat(Ages.format(null)).isEqualTo("-");
    }

    @Test
    void glanceAgesShowSecondsOnlyUnderTenMinutes() {
        assertThat(Ages.glance(45_900L)).isEqualTo("45s");
        assertThat(Ages.glance(119_999L)).isEqualTo("119s");
        assertThat(Ages.glance(307_000L)).isEqualTo("5m07s");
        assertThat(Ages.glance(723_000L)).isEqualTo("12m");
        assertThat(Ages.glance(723_000L + 56_000L)).isEqualTo("12m"); // the same text for the whole minute
        assertThat(Ages.glance(7_507_000L)).isEqualTo("2h05m");
        assertThat(Ages.glance(3L * 86_400_000L + 4 * 3_600_000L)).isEqualTo("3d04h");
        assertThat(Ages.glance(-1L)).isEqualTo("-");
    }
}
