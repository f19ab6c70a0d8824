package dev.cadbridge.identity;

/** What the CAD last told us about whether this identity is bound to a CAD account. */
public enum LinkState {
    UNKNOWN,
    LINKED,
    NOT_LINKED
}
