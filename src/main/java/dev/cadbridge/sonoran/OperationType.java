package dev.cadbridge.sonoran;

/** The five CAD operations. Rate limits, deadlines and batching are kept per type. */
public enum OperationType {
    ATTACH,
    DETACH,
    KICK,
    NEW_DISPATCH,
    CLOSE
}
