package dev.cadbridge.paper;

import io.papermc.paper.threadedregions.scheduler.GlobalRegionScheduler;
import org.mockbukkit.mockbukkit.ServerMock;

/**
 * MockBukkit's server with two gaps filled the way Paper behaves: it can say it is stopping
 * ({@code Server#isStopping}, during a simulated shutdown), and its global region scheduler's tasks
 * can be cancelled.
 */
final class StoppableServer extends ServerMock {
    private volatile boolean stopping;
    private GlobalRegionScheduler globalRegionScheduler;

    void beginStop() {
        stopping = true;
    }

    @Override
    public boolean isStopping() {
        return stopping;
    }

    @Override
    public synchronized GlobalRegionScheduler getGlobalRegionScheduler() {
        if (globalRegionScheduler == null) {
            globalRegionScheduler = new CancellableGlobalRegionScheduler(getScheduler());
        }
        return globalRegionScheduler;
    }
}
