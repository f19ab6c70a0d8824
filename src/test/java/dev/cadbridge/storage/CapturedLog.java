package dev.cadbridge.storage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** A logger whose records the test can read. */
final class CapturedLog extends Handler {
    final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    CapturedLog(String name) {
        logger = Logger.getLogger(name);
        logger.setUseParentHandlers(false);
        logger.addHandler(this);
    }

    List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    long count(String fragment) {
        return messages().stream().filter(message -> message.contains(fragment)).count();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
