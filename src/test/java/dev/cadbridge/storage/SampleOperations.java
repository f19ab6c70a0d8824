package dev.cadbridge.storage;

import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.sonoran.AttachUnits;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CallOrigin;
import dev.cadbridge.sonoran.CallStatus;
import dev.cadbridge.sonoran.CloseCall;
import dev.cadbridge.sonoran.DetachUnits;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.sonoran.NewDispatch;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One of each operation, with every field filled (including non-ASCII text), to prove nothing is lost in storage. */
final class SampleOperations {
    private SampleOperations() {}

    static NewDispatch dispatch(String title) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("world", "overworld");
        meta.put("x", "-120");
        return new NewDispatch(CallOrigin.OBSERVED, CallStatus.ACTIVE, 2, title, "10-31", "Block 7",
                "12 Rue de l'Église", "4410", "Suspect fled north — blue car \"Ω\"", "notes\nsecond line", meta,
                List.of("unit-1", "unit-2"));
    }

    static List<CadOperation> oneOfEach() {
        return List.of(
                new AttachUnits(4_000_000_000L, List.of("alpha", "bravo")),
                new DetachUnits(List.of("charlie")),
                new KickUnit("delta", "AFK for 10 minutes"),
                dispatch("Robbery at the bank"),
                new CloseCall(42));
    }

    static PendingOperation pending(CadOperation operation, Instant acceptedAt, Duration lifetime) {
        return new PendingOperation(UUID.randomUUID(), operation, acceptedAt, acceptedAt.plus(lifetime));
    }
}
