package dev.cadbridge.sandbox;

import dev.cadbridge.sonoran.ApiGeneration;
import java.time.Instant;

/** Things the CAD did because of an API request, for tests to count ("kicked exactly once"). */
public sealed interface SandboxEvent {

    Instant time();

    ApiGeneration generation();

    /** A unit (communityUserId on v2, apiId on v1) was kicked to the community menu. */
    record Kick(Instant time, ApiGeneration generation, int serverId, String unitId, String reason) implements SandboxEvent {}

    /** A unit was attached to a call. */
    record Attachment(Instant time, ApiGeneration generation, int serverId, long callId, String unitId) implements SandboxEvent {}

    /** A unit was detached; {@code fromCallId} is null when it was not attached to any call. */
    record Detachment(Instant time, ApiGeneration generation, int serverId, String unitId, Long fromCallId) implements SandboxEvent {}

    /** A call was created through the API. */
    record CallCreated(Instant time, ApiGeneration generation, int serverId, long callId) implements SandboxEvent {}

    /** A call was closed through the API (closing an already closed call is recorded again). */
    record CallClosed(Instant time, ApiGeneration generation, int serverId, long callId) implements SandboxEvent {}
}
