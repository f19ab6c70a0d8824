package dev.cadbridge.config;

/**
 * Every message a player or the console can see, with its config key under {@code messages:} and
 * its default MiniMessage template. Placeholders are listed in config.yml next to each key.
 */
public enum Message {
    PREFIX("prefix", "<dark_aqua>[CAD]</dark_aqua> "),
    SENDING("sending", "<gray>Sending to the CAD…"),
    ATTACHED("attached", "<green>Attached <units> to call #<call_id>."),
    DETACHED("detached", "<green>Detached <units> from their call."),
    KICKED("kicked", "<green>Sent <unit> back to the community menu (<reason>)."),
    DISPATCH_CREATED("dispatch-created", "<green>Created call #<call_id>: <title>"),
    DISPATCH_CREATED_NO_ID("dispatch-created-no-id", "<green>Created the call <title>; the CAD did not say its number."),
    ATTACH_NOT_LOGGED_IN("attach-not-logged-in", "<red>Not logged in to the CAD, so not attached to call #<call_id>: <units>"),
    ATTACHED_PARTLY("attached-partly", "<gold>The CAD attached only <done> of <count> (<units>) to call #<call_id>; the others are not logged in to the CAD, and it does not say which."),
    DETACH_NOT_LOGGED_IN("detach-not-logged-in", "<red>Not logged in to the CAD, so not detached: <units>"),
    DETACHED_PARTLY("detached-partly", "<gold>The CAD detached only <done> of <count> (<units>); the others are not logged in to the CAD, and it does not say which."),
    EMERGENCY_CALLED("911-called", "<green>Your 911 call #<call_id> reached the dispatchers."),
    EMERGENCY_CALLED_NO_ID("911-called-no-id", "<green>Your 911 call reached the dispatchers; the CAD did not say its number."),
    EMERGENCY_COOLDOWN("911-cooldown", "<red>You called the dispatchers a moment ago; you can call again in <seconds>s."),
    NON_EMERGENCY_CALLED("311-called", "<green>Your non-emergency call #<call_id> reached the dispatchers."),
    NON_EMERGENCY_CALLED_NO_ID("311-called-no-id", "<green>Your non-emergency call reached the dispatchers; the CAD did not say its number."),
    PANIC_ON("panic-on", "<red>Panic button pressed for <unit>: the dispatchers see it."),
    PANIC_OFF("panic-off", "<green>Panic cleared for <unit>."),
    PANIC_NOT_LOGGED_IN("panic-not-logged-in", "<red>Not logged in to the CAD, so no panic was changed: <unit>"),
    UNIT_STATUS_SET("unit-status-set", "<green>Status of <units> is now <status>."),
    UNIT_STATUS_NOT_LOGGED_IN("unit-status-not-logged-in", "<red>Not logged in to the CAD, so the status was not changed: <units>"),
    UNIT_STATUS_PARTLY("unit-status-partly", "<gold>The CAD set only <done> of <count> (<units>) to <status>; the others are not logged in to the CAD, and it does not say which."),
    NEEDS_V2("needs-v2", "<red><command> needs the current Sonoran CAD API (v2); this server uses v1 (sonoran.api-generation in config.yml)."),
    ASKING("asking", "<gray>Asking the CAD…"),
    CALLS_HEADER("calls-header", "<gold>Open calls: <count></gold> <gray>(as of <age>)"),
    CALLS_NONE("calls-none", "<gray>The CAD has no open calls (as of <age>)."),
    CALLS_LINE("calls-line", "<yellow>#<call_id></yellow> <white><title></white> <gray>· P<priority> · <address> · <units> unit(s)</gray><attach>"),
    CALLS_911_LINE("calls-911-line", "<red>911 #<call_id></red> <white><description></white> <gray>· <caller> · <address></gray><remove>"),
    CALLS_311_LINE("calls-311-line", "<gold>311 #<call_id></gold> <white><description></white> <gray>· <caller> · <address></gray><remove>"),
    CALLS_ATTACH_BUTTON("calls-attach-button", " <green>[attach me]</green>"),
    CALLS_ATTACH_HOVER("calls-attach-hover", "<gray>Attach yourself to call #<call_id>"),
    CALLS_REMOVE_BUTTON("calls-remove-button", " <red>[remove]</red>"),
    CALLS_REMOVE_HOVER("calls-remove-hover", "<gray>Remove 911 call #<call_id> (asks you to confirm by pressing enter)"),
    LIST_MORE("list-more", "<gray>…and <count> more; the CAD shows them all."),
    UNITS_HEADER("units-header", "<gold>Active units: <count></gold> <gray>(as of <age>)"),
    UNITS_NONE("units-none", "<gray>No unit is active in the CAD (as of <age>)."),
    UNITS_LINE("units-line", "<yellow><unit_number></yellow> <white><name></white> <gray>· <status><player></gray><panic>"),
    UNITS_PANIC("units-panic", " <red><bold>PANIC</bold></red>"),
    NOTE_ADDED("note-added", "<green>Added your note to call #<call_id>."),
    NOTE_NO_SUCH_CALL("note-no-such-call", "<red>The CAD has no open call #<call_id>, so the note was not added."),
    EMERGENCY_REMOVED("911-removed", "<green>Removed 911 call #<call_id>."),
    EMERGENCY_NO_SUCH_CALL("911-no-such-call", "<red>The CAD has no open 911 call #<call_id>, so nothing was removed."),
    CLOSED("closed", "<green>Closed call #<call_id>."),
    NO_SUCH_CALL("no-such-call", "<red>The CAD has no call #<call_id>, so nothing was closed."),
    FAILED("failed", "<red>The CAD did not accept that: <reason>"),
    FAILED_WITH_TRACE("failed-with-trace", "<red>The CAD did not accept that: <reason> <gray>(trace id <trace_id>)"),
    EXPIRED("expired", "<red>The CAD could not be reached in time, so nothing was sent. <reason>"),
    OUTCOME_UNKNOWN("outcome-unknown", "<gold>The CAD did not answer in time; the call may have been created. Check the CAD before trying again."),
    OUTCOME_UNCLEAR("outcome-unclear", "<gold>The CAD's answer does not say whether that was done: <reason>"),
    NOT_CONNECTED("not-connected", "<red>CadBridge is not connected to the CAD yet; staff have been told why in the server console."),
    NOT_CONNECTED_STAFF("not-connected-staff", "<red>CadBridge cannot reach the CAD: <reason>"),
    COOLDOWN("cooldown", "<red>Please wait <seconds>s before sending another CAD command."),
    NO_PERMISSION("no-permission", "<red>You do not have permission to do that."),
    USAGE("usage", "<red>Usage: <usage>"),
    INVALID("invalid", "<red>Not sent: <problem>"),
    UNKNOWN_PLAYER("unknown-player", "<red>No online player is named <player>."),
    PLAYER_ONLY("player-only", "<red>Only a player can do that alone; from the console use: <usage>"),
    UNKNOWN_COMMAND("unknown-command", "<red>There is no /cad <command>. Try /cad help."),
    INTERNAL_ERROR("internal-error", "<red>Something went wrong; the details are in the server console."),
    HELP_HEADER("help-header", "<gold>CadBridge commands you can use:"),
    HELP_LINE("help-line", "<yellow><usage></yellow> <gray>— <description>"),
    LINK_CHECKING("link-checking", "<gray>Checking whether your account is linked to the CAD…"),
    LINK_ALREADY("link-already", "<green>Your account is already linked to the CAD."),
    LINK_CODE("link-code", "<yellow>Open <link> and log in to link your CAD account (code <code>, valid for <minutes> minutes)."),
    LINK_DONE("link-done", "<green>Your account is now linked to the CAD."),
    LINK_EXPIRED("link-expired", "<red>Your link code expired before it was used. Run /cad link for a new one."),
    LINK_FAILED("link-failed", "<red>Linking did not work: <reason>"),
    LINK_TAKEN("link-taken", "<red>The CAD id <cad_id> already belongs to <player>; one CAD id cannot serve two players."),
    LINK_NEEDS_ID("link-needs-id", "<red>This server uses the v1 API: run /cad link <api_id_hint> with the API ID from your CAD account settings."),
    API_ID_SET("api-id-set", "<green>Your CAD API ID is now <cad_id>."),
    STAFF_LINK_SET("staff-link-set", "<green><player>'s CAD id is now <cad_id>."),
    UNLINKED("unlinked", "<green><player>'s CAD id is back to the default, <cad_id>."),
    UNLINK_NOTHING("unlink-nothing", "<yellow><player> had no stored CAD id; it stays <cad_id>."),
    WHOIS("whois", "<gold><player></gold><gray>: CAD id</gray> <cad_id> <gray>(<source>), link: <link_state>"),
    AFK_WARNING("afk-warning", "<gold>You seem to be away. Move within <seconds> seconds or you will be taken off your CAD unit."),
    AFK_KICKED("afk-kicked", "<red>You were taken off your CAD unit for being away."),
    RELOADING("reloading", "<gray>Reloading CadBridge…"),
    CONFIG_UNREADABLE("config-unreadable", "<red>config.yml could not be read, so nothing changed: <problem>"),
    RELOADED("reloaded", "<green>CadBridge reloaded."),
    RELOADED_WITH_PROBLEMS("reloaded-with-problems", "<yellow>CadBridge reloaded; <count> value(s) were wrong and safe defaults are used:"),
    CONFIG_PROBLEM("config-problem", "<yellow> - <key>: <problem>"),
    RESTART_NEEDED("restart-needed", "<yellow>Changes under <sections> take effect after a server restart."),
    LIVE_ATTACHED("live-attached", "<gold>Dispatch attached you (<unit>) to call <call>."),
    LIVE_DETACHED("live-detached", "<yellow>Dispatch detached you (<unit>) from call <call>."),
    LIVE_NEW_CALL("live-new-call", "<aqua>New call <call>."),
    LIVE_911("live-911", "<red>911 call #<call_id> from <caller> at <location>: <description>"),
    LIVE_911_REMOVED("live-911-removed", "<gray>911 call(s) removed: <call_ids>"),
    LIVE_CALL_CLOSED("live-call-closed", "<yellow>Call <call> was closed."),
    LIVE_PANIC("live-panic", "<dark_red><bold>PANIC</bold></dark_red> <red><unit> pressed the panic button."),
    LIVE_PANIC_CLEARED("live-panic-cleared", "<green>Panic cleared for <unit>."),
    STATUS_HEADER("status-header", "<gold>CadBridge status"),
    STATUS_GOOD("status-good", "<gray><label>:</gray> <green><value></green><hint>"),
    STATUS_WARNING("status-warning", "<gray><label>:</gray> <yellow><value></yellow><hint>"),
    STATUS_BAD("status-bad", "<gray><label>:</gray> <red><value></red><hint>"),
    STATUS_INFO("status-info", "<gray><label>:</gray> <white><value></white><hint>"),
    STATUS_HINT("status-hint", " <gold>→ <hint>"),
    DOCTOR_HEADER("doctor-header", "<gold>CadBridge doctor <gray>(checking live; a moment…)"),
    DOCTOR_PASS("doctor-pass", "<green>✔</green> <gray><label>:</gray> <value><hint>"),
    DOCTOR_WARN("doctor-warn", "<yellow>!</yellow> <gray><label>:</gray> <yellow><value></yellow><hint>"),
    DOCTOR_FAIL("doctor-fail", "<red>✘</red> <gray><label>:</gray> <red><value></red><hint>"),
    DOCTOR_SKIPPED("doctor-skipped", "<gray>- <label>: <value></gray><hint>");

    private final String key;
    private final String defaultTemplate;

    Message(String key, String defaultTemplate) {
        this.key = key;
        this.defaultTemplate = defaultTemplate;
    }

    public String key() {
        return key;
    }

    public String defaultTemplate() {
        return defaultTemplate;
    }
}
