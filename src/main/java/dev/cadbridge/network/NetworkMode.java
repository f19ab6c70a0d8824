package dev.cadbridge.network;

/** {@code network.enabled}: whether servers sharing a MariaDB/MySQL or PostgreSQL database send through one of them. */
public enum NetworkMode {
    /** On once a second {@code storage.server-name} shows up in the shared tables; never on H2. */
    AUTO,
    ON,
    OFF
}
