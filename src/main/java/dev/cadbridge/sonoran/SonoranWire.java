package dev.cadbridge.sonoran;

import java.time.Instant;
import java.util.List;
import okhttp3.Request;

/**
 * One API generation's wire format: turns a batch of operations of one type into one HTTP request,
 * and an answer into per-operation outcomes. Stateless apart from the settings it was built from.
 */
public interface SonoranWire {

    ApiGeneration generation();

    /**
     * The request carrying {@code operations}, all of {@code type}. The dispatcher has already merged
     * them so each can be sent as-is (one merged attach/detach, distinct kicks and closes, one dispatch).
     */
    Request request(OperationType type, List<CadOperation> operations);

    /** What the answer means for each of {@code operations}. {@code now} resolves HTTP-date Retry-After values. */
    WireOutcome classify(OperationType type, List<CadOperation> operations, WireResponse response, Instant now);

    /** {@code text} with the API key removed, for anything that may end up in a log or message. */
    String redact(String text);
}
