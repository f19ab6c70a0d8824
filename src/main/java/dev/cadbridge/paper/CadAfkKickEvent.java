package dev.cadbridge.paper;

import java.time.Duration;
import org.bukkit.entity.Player;
import org.bukkit.event.Cancellable;
import org.bukkit.event.Event;
import org.bukkit.event.HandlerList;

/**
 * Fired on the server thread just before CadBridge sends an AFK kick to the CAD. Cancel it to
 * keep the player's unit (for example while they are in a cutscene); the player is not asked
 * about again until they have been active. The reason can be changed.
 */
public class CadAfkKickEvent extends Event implements Cancellable {
    // Bukkit finds listeners through this static list; creating it is the one static initialiser Bukkit requires.
    private static final HandlerList HANDLERS = new HandlerList();

    private final Player player;
    private final Duration idle;
    private String reason;
    private boolean cancelled;

    public CadAfkKickEvent(Player player, Duration idle, String reason) {
        this.player = player;
        this.idle = idle;
        this.reason = reason;
    }

    public Player getPlayer() {
        return player;
    }

    public Duration getIdleDuration() {
        return idle;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void setCancelled(boolean cancel) {
        this.cancelled = cancel;
    }

    @Override
    public HandlerList getHandlers() {
        return HANDLERS;
    }

    public static HandlerList getHandlerList() {
        return HANDLERS;
    }
}
