package dev.cadbridge.sonoran;

/**
 * A validated CAD operation. Construction rejects bad values with {@link InvalidOperationException},
 * so an instance can always be sent: the vendor blacklists communities that send malformed requests.
 */
public sealed interface CadOperation permits AttachUnits, DetachUnits, KickUnit, NewDispatch, CloseCall {
    OperationType type();
}
