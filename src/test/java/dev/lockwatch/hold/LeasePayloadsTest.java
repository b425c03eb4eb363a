package dev.lockwatch.hold;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeasePayloadsTest {
    @Test
    void readsTheOwnerAndTheGatewayOwnerExtras() {
        LeaseOwner owner = LeasePayloads.owner("{\"owner\":{\"pid\":4242,\"host\":\"vm\",\"startedAt\":987654},"
                + "\"port\":18789,\"mode\":\"local\",\"supervisor\":\"systemd\"}");
        assertThat(owner).isEqualTo(new LeaseOwner(4242L, "vm", 987654L, 18789, "local"));
    }

    @Test
    void startedAtNullIsKeptAsUnknown() {
        assertThat(LeasePayloads.owner("{\"owner\":{\"pid\":7,\"host\":\"h\",\"startedAt\":null}}"))
                .isEqualTo(new LeaseOwner(7L, "h", null, null, null));
    }

    @Test
    void noOwnerMeansNull() {
        assertThat(LeasePayloads.owner(null)).isNull();
        assertThat(LeasePayloads.owner("")).isNull();
        assertThat(LeasePayloads.owner("not json")).isNull();
        assertThat(LeasePayloads.owner("[1,2]")).isNull();
        assertThat(LeasePayloads.owner("{\"port\":1}")).isNull();
        assertThat(LeasePayloads.owner("{\"owner\":\"pid 7\"}")).isNull();
        assertThat(LeasePayloads.owner("{\"owner\":{\"pid\":7}} trailing")).isNull();
    }

    @Test
    void fieldsOfTheWrongTypeAreNull() {
        assertThat(LeasePayloads.owner("{\"owner\":{\"pid\":\"7\",\"host\":5,\"startedAt\":1.5},\"port\":70000,\"mode\":3}"))
                .isEqualTo(new LeaseOwner(null, null, null, null, null));
        assertThat(LeasePayloads.owner("{\"owner\":{\"pid\":0,\"startedAt\":-1}}").pid()).isNull();
        assertThat(LeasePayloads.owner("{\"owner\":{\"pid\":-5}}").pid()).isNull();
        assertThat(LeasePayloads.owner("{\"owner\":{\"pid\":99999999999999999999999}}").pid()).isNull();
        assertThat(LeasePayloads.owner("{\"owner\":{\"pid\":12.0}}").pid()).isEqualTo(12L);
    }

    @Test
    void oversizedPayloadIsRefusedUnread() {
        String valid = "{\"owner\":{\"pid\":7,\"host\":\"h\"}}";
        assertThat(LeasePayloads.owner(valid + " ".repeat(HoldJson.MAX_CHARS - valid.length()))).isNotNull();
        assertThat(LeasePayloads.owner(valid + " ".repeat(HoldJson.MAX_CHARS - valid.length() + 1))).isNull();
    }

    @Test
    void deepNestingIsRefusedWithoutThrowing() {
        String deep = "{\"owner\":{\"pid\":7,\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}}";
        assertThat(LeasePayloads.owner(deep)).isNull();
        String shallow = "{\"owner\":{\"pid\":7,\"x\":" + "[".repeat(20) + "]".repeat(20) + "}}";
        assertThat(LeasePayloads.owner(shallow).pid()).isEqualTo(7L);
    }
}
