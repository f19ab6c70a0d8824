package dev.cadbridge.platform;

/** A scheduled task that can be stopped. */
@FunctionalInterface
public interface TaskHandle {
    TaskHandle NONE = () -> {};

    void cancel();
}
