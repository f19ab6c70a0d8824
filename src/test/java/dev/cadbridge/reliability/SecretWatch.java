package dev.cadbridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures everything a test could leak through and, after each test, fails it if {@code secret}
 * appears anywhere: every JUL record at any level (root logger opened to ALL for the test, so debug
 * output counts), each record's parameters and thrown exception with its causes, System.out and
 * System.err, and whatever the test hands to {@link #include} (status snapshots, results,
 * exception text). Register with {@code @RegisterExtension}.
 */
public final class SecretWatch implements BeforeEachCallback, AfterEachCallback {
    private final String secret;
    private final List<String> captured = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream streams = new ByteArrayOutputStream();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            captured.add(describe(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private Level rootLevel;
    private PrintStream originalOut;
    private PrintStream originalErr;

    public SecretWatch(String secret) {
        this.secret = Objects.requireNonNull(secret);
    }

    public String secret() {
        return secret;
    }

    /** Adds something the user could see (a status line, a result, a message) to what is searched. */
    public void include(Object shown) {
        captured.add(String.valueOf(shown));
    }

    /** Adds an exception with its whole cause chain and stack trace. */
    public void include(Throwable thrown) {
        captured.add(stackTrace(thrown));
    }

    /** Everything captured so far. */
    public String text() {
        synchronized (streams) {
            return String.join("\n", captured) + "\n" + streams.toString(StandardCharsets.UTF_8);
        }
    }

    /** How many characters were captured: a search over nothing would prove nothing. */
    public int capturedLength() {
        return text().length();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop();
        context.getExecutionException().ifPresent(this::include);
        assertNoSecret();
    }

    /** Starts capturing: a handler on the root logger opened to every level, and System.out/err teed. */
    public void start() {
        Logger root = Logger.getLogger("");
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(new Tee(originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr), true, StandardCharsets.UTF_8));
    }

    /** Stops capturing and puts logging and the streams back as they were; what was captured stays readable. */
    public void stop() {
        Logger root = Logger.getLogger("");
        root.removeHandler(handler);
        root.setLevel(rootLevel);
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    public void assertNoSecret() {
        String text = text();
        assertThat(text).as("captured logs, output and shown values (%d chars) must not contain the API key",
                text.length()).doesNotContain(secret);
    }

    private String describe(LogRecord record) {
        StringBuilder text = new StringBuilder();
        text.append(record.getLevel()).append(' ').append(record.getLoggerName()).append(": ")
                .append(record.getMessage()).append(" | ").append(formatter.formatMessage(record));
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                text.append(" | ").append(parameter);
            }
        }
        if (record.getThrown() != null) {
            text.append('\n').append(stackTrace(record.getThrown()));
        }
        return text.toString();
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter out = new StringWriter();
        thrown.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** Writes to the original stream and to the capture. */
    private final class Tee extends OutputStream {
        private final OutputStream original;

        Tee(OutputStream original) {
            this.original = original;
        }

        @Override
        public void write(int b) {
            synchronized (streams) {
                streams.write(b);
            }
            try {
                original.write(b);
            } catch (java.io.IOException ignored) {
                // the capture matters here, not the console
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (streams) {
                streams.write(b, off, len);
            }
            try {
                original.write(b, off, len);
            } catch (java.io.IOException ignored) {
                // the capture matters here, not the console
            }
        }

        @Override
        public void flush() {
            try {
                original.flush();
            } catch (java.io.IOException ignored) {
                // nothing to do
            }
        }
    }
}
