package dev.cadbridge.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelativeTimeTest {
    private static final Instant NOW = Instant.parse("2026-08-13T12:00:00.123456789Z");

    @ParameterizedTest(name = "{0} before now reads \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            PT0S          | just now
            PT0.9S        | just now
            PT1S          | 1 s ago
            PT12.7S       | 12 s ago
            PT59.999S     | 59 s ago
            PT60S         | 1 min ago
            PT3M59S       | 3 min ago
            PT59M59S      | 59 min ago
            PT1H          | 1 h ago
            PT2H5M30S     | 2 h 5 min ago
            PT23H59M59S   | 23 h 59 min ago
            PT24H         | 1 d ago
            PT27H10M      | 1 d 3 h ago
            P400D         | 400 d ago
            PT-5S         | just now
            """)
    void agoReadsLikeSpeech(Duration before, String expected) {
        assertThat(RelativeTime.ago(NOW.minus(before), NOW)).isEqualTo(expected);
    }

    @Test
    void neverWhenThereIsNoInstant() {
        assertThat(RelativeTime.ago(null, NOW)).isEqualTo("never");
    }
}
