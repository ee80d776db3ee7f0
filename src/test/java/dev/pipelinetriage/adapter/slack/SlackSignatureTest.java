package dev.pipelinetriage.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** docs.slack.dev "Verifying requests from Slack": the published example, and a window on both sides of now. */
class SlackSignatureTest {
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TS = "1531420618";
    private static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect"
            + "&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c").getBytes(StandardCharsets.UTF_8);
    private static final String EXPECTED = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static SlackSignature at(long epochSecond) {
        return new SlackSignature(SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    @Test
    void slacksPublishedExampleVerifies() {
        assertThat(at(1531420618L).sign(TS, BODY)).isEqualTo(EXPECTED);
        assertThat(at(1531420618L).verify(TS, EXPECTED, BODY)).isTrue();
    }

    @Test
    void aChangedBodyOrSignatureFails() {
        byte[] changed = BODY.clone();
        changed[0] = 'T';

        assertThat(at(1531420618L).verify(TS, EXPECTED, changed)).isFalse();
        assertThat(at(1531420618L).verify(TS, EXPECTED.replace("a2114", "a2115"), BODY)).isFalse();
    }

    @Test
    void timestampsMoreThanFiveMinutesOldOrAheadFail() {
        assertThat(at(1531420618L + 300).verify(TS, EXPECTED, BODY)).isTrue();
        assertThat(at(1531420618L - 300).verify(TS, EXPECTED, BODY)).isTrue();
        assertThat(at(1531420618L + 301).verify(TS, EXPECTED, BODY)).isFalse();
        assertThat(at(1531420618L - 301).verify(TS, EXPECTED, BODY)).as("a timestamp from the future").isFalse();
    }

    @Test
    void malformedHeadersFailWithoutAnException() {
        SlackSignature s = at(1531420618L);

        assertThat(s.verify(null, EXPECTED, BODY)).isFalse();
        assertThat(s.verify(TS, null, BODY)).isFalse();
        assertThat(s.verify("1531420618.5", EXPECTED, BODY)).isFalse();
        assertThat(s.verify("-1531420618", EXPECTED, BODY)).isFalse();
        assertThat(s.verify(TS, EXPECTED.replace("v0=", "v1="), BODY)).isFalse();
        assertThat(s.verify(TS, "v0=" + "zz".repeat(32), BODY)).isFalse();
        assertThat(s.verify(TS, EXPECTED + "00", BODY)).isFalse();
        assertThat(s.verify(TS, "v0=" + "a".repeat(10_000), BODY)).isFalse();
    }
}
