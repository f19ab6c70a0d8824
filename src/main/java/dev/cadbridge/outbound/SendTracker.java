package dev.cadbridge.outbound;

import okhttp3.Call;
import okhttp3.EventListener;

/**
 * Records whether OkHttp started writing the request. After that point a failure may hide a request
 * the CAD acted on, which decides whether a new dispatch can be sent again.
 */
final class SendTracker extends EventListener {
    private volatile boolean started;

    @Override
    public void requestHeadersStart(Call call) {
        started = true;
    }

    boolean requestStarted() {
        return started;
    }
}
