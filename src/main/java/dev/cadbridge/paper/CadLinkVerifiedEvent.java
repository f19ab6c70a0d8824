package dev.cadbridge.paper;

import org.bukkit.event.Event;
import org.bukkit.event.HandlerList;

/**
 * A player finished linking their CAD account on the CAD's site (CAD event {@code EVENT_COMMUNITY_LINK_VERIFIED}). Asynchronous: fired off the server thread.
 */
public class CadLinkVerifiedEvent extends Event {
    private static final HandlerList HANDLERS = new HandlerList();

    private final String communityUserId;
    private final String accountUuid;

    public CadLinkVerifiedEvent(String communityUserId, String accountUuid) {
        super(true);
        this.communityUserId = communityUserId;
        this.accountUuid = accountUuid;
    }

    /** The id the CAD knows the player by (by default their UUID). */
    public String getCommunityUserId() {
        return communityUserId;
    }

    /** The CAD account; may be empty. */
    public String getAccountUuid() {
        return accountUuid;
    }

    @Override
    public HandlerList getHandlers() {
        return HANDLERS;
    }

    public static HandlerList getHandlerList() {
        return HANDLERS;
    }
}
