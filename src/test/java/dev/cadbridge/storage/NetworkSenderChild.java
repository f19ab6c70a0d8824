package dev.cadbridge.storage;

import dev.cadbridge.core.CadConnectionFactory;
import dev.cadbridge.core.CadConnections;
import dev.cadbridge.core.NetworkNode;
import dev.cadbridge.outbound.DispatcherSettings;
import dev.cadbridge.network.NetworkMode;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.ApiKey;
import dev.cadbridge.sonoran.SonoranSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

/**
 * Run in a separate JVM by the network failover test, which kills it with SIGKILL: a server in
 * network mode with storage and the real dispatcher (sandbox, no pacing), asking for nothing
 * itself. Prints READY once started and SENDING once it is the network's sender.
 * Arguments: storage type, table prefix, server name, data folder, sandbox port, API key.
 */
public final class NetworkSenderChild {
    private NetworkSenderChild() {}

    public static void main(String[] args) {
        StorageConfig config = TestDatabases.config(StorageType.valueOf(args[0]), args[1], args[2]);
        Logger logger = Logger.getLogger("network-sender-child");
        Storage storage = Storage.start(config, Path.of(args[3]), Clock.systemUTC(), StorageTuning.defaults(), logger);
        storage.ready().join();
        int port = Integer.parseInt(args[4]);
        NetworkNode node = NetworkNode.start(NetworkMode.ON, storage.network(), Clock.systemUTC(), logger, NetworkNode.Timing.defaults());
        CadConnectionFactory factory = node.wrap((settings, dispatcherSettings, listener) ->
                CadConnections.of(SandboxDispatchers.start(port, args[5], listener, Clock.systemUTC(), logger)));
        factory.open(SonoranSettings.of(ApiGeneration.V2, URI.create("http://127.0.0.1:" + port), "", ApiKey.of(args[5]), 1),
                DispatcherSettings.defaults(), storage.outbox());
        System.out.println("READY");
        System.out.flush();
        boolean announced = false;
        while (true) {
            if (!announced && node.sends()) {
                announced = true;
                System.out.println("SENDING");
                System.out.flush();
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
