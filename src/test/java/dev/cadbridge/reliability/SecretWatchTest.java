package dev.cadbridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The leak check must be able to fail: each way a key could escape is caught. */
class SecretWatchTest {
    private static final String KEY = "sk-WATCH-SELFTEST-0b5e";
    private final Logger logger = Logger.getLogger("CadBridge.watch-selftest");

    private SecretWatch watching(Runnable leak) {
        SecretWatch watch = new SecretWatch(KEY);
        watch.start();
        try {
            leak.run();
        } finally {
            watch.stop();
        }
        return watch;
    }

    @Test
    void aDebugLogLineIsCaught() {
        SecretWatch watch = watching(() -> logger.fine("request with key " + KEY));
        assertThatThrownBy(watch::assertNoSecret).isInstanceOf(AssertionError.class);
    }

    @Test
    void aParameterOrAnExceptionCauseIsCaught() {
        SecretWatch parameter = watching(() -> logger.log(Level.INFO, "key is {0}", KEY));
        assertThatThrownBy(parameter::assertNoSecret).isInstanceOf(AssertionError.class);
        SecretWatch cause = watching(() -> logger.log(Level.WARNING, "failed",
                new IllegalStateException("outer", new RuntimeException("inner " + KEY))));
        assertThatThrownBy(cause::assertNoSecret).isInstanceOf(AssertionError.class);
    }

    @Test
    void standardOutputAndErrorAreCaught() {
        SecretWatch out = watching(() -> System.out.println("key=" + KEY));
        assertThatThrownBy(out::assertNoSecret).isInstanceOf(AssertionError.class);
        SecretWatch err = watching(() -> System.err.println("key=" + KEY));
        assertThatThrownBy(err::assertNoSecret).isInstanceOf(AssertionError.class);
    }

    @Test
    void somethingShownIsCaughtAndCleanTextPasses() {
        SecretWatch shown = watching(() -> {});
        shown.include("status: key " + KEY);
        assertThatThrownBy(shown::assertNoSecret).isInstanceOf(AssertionError.class);

        SecretWatch clean = watching(() -> logger.warning("CAD unreachable: connection refused"));
        clean.assertNoSecret();
        assertThat(clean.text()).contains("CAD unreachable");
        assertThat(Logger.getLogger("").getLevel()).as("root level restored").isNotEqualTo(Level.ALL);
    }
}
