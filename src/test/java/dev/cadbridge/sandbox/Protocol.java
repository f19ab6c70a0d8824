package dev.cadbridge.sandbox;

import com.google.gson.JsonElement;

/**
 * One API generation. The documentation check runs on every request, whatever the answer, so a
 * malformed request is recorded even when a fault, the rate limit or a bad key answers first.
 */
abstract class Protocol {
    protected final SonoranSandbox sandbox;
    protected final SandboxState state;

    Protocol(SonoranSandbox sandbox, SandboxState state) {
        this.sandbox = sandbox;
        this.state = state;
    }

    final Outcome handle(Exchange exchange, SandboxFault gatewayFault) {
        JsonElement json = null;
        String violation = null;
        try {
            json = JsonShape.parse(exchange.body());
            check(exchange, json);
        } catch (JsonShape.Violation v) {
            violation = v.getMessage();
        }
        Reply reply = gatewayFault != null
                ? sandbox.gatewayReply(gatewayFault, exchange)
                : answer(exchange, json, violation);
        return new Outcome(reply, json, violation);
    }

    /** Throws {@link JsonShape.Violation} naming the first thing that breaks the documentation. */
    abstract void check(Exchange exchange, JsonElement json);

    /** The answer the real API would give, in its order of checks; applies the request on success. */
    abstract Reply answer(Exchange exchange, JsonElement json, String violation);
}
