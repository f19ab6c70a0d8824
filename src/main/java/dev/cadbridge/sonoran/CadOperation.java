package dev.cadbridge.sonoran;

import java.util.List;

/**
 * A validated CAD operation. Construction rejects bad values with {@link InvalidOperationException},
 * so an instance can always be sent: the vendor blacklists communities that send malformed requests.
 * Each implementation is a record with its route in {@link OperationType}'s table.
 */
public interface CadOperation {
    OperationType type();

    /**
     * The units and calls this operation acts on, as {@code unit:<id>} and {@code call:<id>}: the
     * dispatcher never lets an operation overtake an older one on the same target.
     */
    List<String> targets();
}
