package dev.cadbridge.live;

/**
 * A dispatch call as the live session last heard of it. Only {@code callId} is sure: an attach
 * event for a call created before the session started names nothing else, and the rest is empty.
 */
public record CadCall(long callId, String title, String address, String postal, String code, String description, int priority) {
    public CadCall {
        title = title == null ? "" : title;
        address = address == null ? "" : address;
        postal = postal == null ? "" : postal;
        code = code == null ? "" : code;
        description = description == null ? "" : description;
    }

    static CadCall numberOnly(long callId) {
        return new CadCall(callId, "", "", "", "", "", 0);
    }
}
