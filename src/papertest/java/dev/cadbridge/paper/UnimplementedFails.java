package dev.cadbridge.paper;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * MockBukkit reports a server method it does not implement by aborting the test, which JUnit shows
 * as a skip. In this suite that means the plugin called something the test server lacks: a failure.
 */
final class UnimplementedFails implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw asFailure(throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw asFailure(throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw asFailure(throwable);
    }

    private static Throwable asFailure(Throwable throwable) {
        if (throwable instanceof TestAbortedException) {
            return new AssertionError("The test server does not implement what the plugin called: " + throwable, throwable);
        }
        return throwable;
    }
}
