package dev.cadbridge.config;

/** What to tell the CAD when a player leaves the game. */
public enum QuitAction {
    NONE,
    /** Take the unit off whatever call it is on. */
    DETACH,
    /** Send the unit back to the community menu, as Sonoran's own game integration does. */
    KICK
}
