package dev.cadbridge.network;

import dev.cadbridge.outbound.DispatcherStatus;
import dev.cadbridge.sonoran.OperationType;
import java.time.Instant;
import java.util.Map;

/**
 * Network mode as /cad status shows it.
 *
 * @param on            whether this server takes part (AUTO turns it on once another server is seen)
 * @param serverName    this server's {@code storage.server-name}
 * @param sender        the server that sends for the network, null when none is known
 * @param thisServerSends whether that is this run
 * @param senderSince   when it became the sender
 * @param tookOverFrom  the server that sent before it, null when it was the first
 * @param serverNames   how many server names the shared tables have seen
 * @param queued        the network queue by operation type, not yet finished
 * @param sending       this run's sending dispatcher (the shared budget), null unless it sends
 * @param sameNameRuns  other live runs that use this server's name
 * @param serverIds     the {@code sonoran.server-id}s of the live servers: more than one is a mistake,
 *                      since the sender sends every operation as its own
 */
public record NetworkStatus(boolean on, String serverName, String sender, boolean thisServerSends, Instant senderSince,
                            String tookOverFrom, int serverNames, Map<OperationType, Integer> queued, DispatcherStatus sending,
                            int sameNameRuns, java.util.Set<Integer> serverIds) {}
