package dev.cadbridge.live;

/** A 911 call the CAD pushed. {@code communityUserId} is the caller's game id when their account is linked. */
public record Cad911Call(long callId, boolean emergency, String caller, String location, String description, String communityUserId) {
    public Cad911Call {
        caller = caller == null ? "" : caller;
        location = location == null ? "" : location;
        description = description == null ? "" : description;
        communityUserId = communityUserId == null ? "" : communityUserId;
    }
}
