package dev.cadbridge.command;

/** Permission nodes; plugin.yml declares them with their defaults and the trees that group them. */
public final class Permissions {
    /** Players, on by default: act on themselves. */
    public static final String USE_ATTACH = "cadbridge.use.attach";
    public static final String USE_DETACH = "cadbridge.use.detach";
    public static final String USE_LINK = "cadbridge.use.link";
    public static final String USE_HELP = "cadbridge.use.help";
    public static final String USE_911 = "cadbridge.use.911";
    public static final String USE_PANIC = "cadbridge.use.panic";
    public static final String USE_UNIT = "cadbridge.use.unit";
    public static final String USE_311 = "cadbridge.use.311";
    /** Staff, ops by default: act on others and on calls. */
    public static final String STAFF_ATTACH = "cadbridge.staff.attach";
    public static final String STAFF_DETACH = "cadbridge.staff.detach";
    public static final String STAFF_KICK = "cadbridge.staff.kick";
    public static final String STAFF_DISPATCH = "cadbridge.staff.dispatch";
    public static final String STAFF_CLOSE = "cadbridge.staff.close";
    public static final String STAFF_LINK = "cadbridge.staff.link";
    public static final String STAFF_UNLINK = "cadbridge.staff.unlink";
    public static final String STAFF_WHOIS = "cadbridge.staff.whois";
    public static final String STAFF_PANIC = "cadbridge.staff.panic";
    public static final String STAFF_UNIT = "cadbridge.staff.unit";
    public static final String STAFF_CALLS = "cadbridge.staff.calls";
    public static final String STAFF_UNITS = "cadbridge.staff.units";
    public static final String STAFF_NOTE = "cadbridge.staff.note";
    public static final String STAFF_911_REMOVE = "cadbridge.staff.911remove";
    /**
     * v1 {@code /cad link <apiId>}: choose the API ID you are sent as. Ops by default: any id that
     * nobody on this server holds is accepted, which may be another CAD member's, and their unit.
     */
    public static final String LINK_OWN_API_ID = "cadbridge.link.own-api-id";
    /** Admins, ops by default. */
    public static final String ADMIN_STATUS = "cadbridge.admin.status";
    public static final String ADMIN_RELOAD = "cadbridge.admin.reload";
    public static final String ADMIN_DOCTOR = "cadbridge.admin.doctor";

    private Permissions() {}
}
