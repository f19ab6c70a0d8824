package dev.cadbridge.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP forwarder in front of a real database server, so a test can make the database
 * unreachable and bring it back, in two ways: {@link #cut} resets every connection and refuses new
 * ones (a server that is down), {@link #blackhole} keeps every connection open and accepts new ones
 * but forwards nothing in either direction (a host that lost power, or a firewall dropping
 * packets: no reset ever arrives). {@link #blackholeAllBut} does the same to every connection but
 * one, new ones included. After {@link #restore} a held connection carries on with the bytes held
 * back, as TCP does when the network comes back.
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Object flow = new Object();
    private volatile boolean down;
    private boolean silent;
    /** While silent, the connection that still flows: its local port towards the database; -1 for none. */
    private int flowingPort = -1;

    TcpProxy(String targetHost, int targetPort) throws IOException {
        this.target = new InetSocketAddress(targetHost, targetPort);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "test-db-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Cuts every connection and refuses new ones until {@link #restore}. */
    void cut() {
        down = true;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    /** Stops forwarding without closing anything, until {@link #restore}. */
    void blackhole() {
        blackholeAllBut(-1);
    }

    /**
     * Stops forwarding on every connection, and on those opened later, except the one whose socket
     * towards the database has local port {@code keptPort} (the client port the database sees).
     */
    void blackholeAllBut(int keptPort) {
        synchronized (flow) {
            silent = true;
            flowingPort = keptPort;
        }
    }

    void restore() {
        down = false;
        synchronized (flow) {
            silent = false;
            flow.notifyAll();
        }
    }

    private void awaitFlow(int upstreamPort) throws InterruptedException {
        synchronized (flow) {
            while (silent && upstreamPort != flowingPort) {
                flow.wait();
            }
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (down) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                open.add(client);
                open.add(upstream);
                pump(client, upstream, upstream.getLocalPort());
                pump(upstream, client, upstream.getLocalPort());
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to, int upstreamPort) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                awaitFlow(upstreamPort);
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    awaitFlow(upstreamPort);
                    out.write(buffer, 0, read);
                }
                awaitFlow(upstreamPort); // the end of the stream is held back too
            } catch (IOException | InterruptedException ignored) {
                // the other side or cut() closed it
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "test-db-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        restore();
        cut();
        server.close();
    }
}
