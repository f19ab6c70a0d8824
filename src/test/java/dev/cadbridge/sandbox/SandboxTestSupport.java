package dev.cadbridge.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A started sandbox on a hand-moved clock and a raw HTTP client for it, fresh for each test. */
abstract class SandboxTestSupport {
    protected final MutableClock clock = new MutableClock();
    protected SonoranSandbox cad;
    protected SandboxHttp http;

    @BeforeEach
    final void startSandbox() {
        cad = new SonoranSandbox(clock).start();
        http = new SandboxHttp(cad);
    }

    @AfterEach
    final void stopSandbox() {
        cad.close();
    }
}
