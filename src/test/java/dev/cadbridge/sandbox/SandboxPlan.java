package dev.cadbridge.sandbox;

/**
 * The community's Sonoran CAD plan. {@code version} is what {@code GET /v2/general/version}
 * reports; the docs' example pairs 2 with PLUS, so the tiers are numbered from that.
 */
public enum SandboxPlan {
    /** No API at all: v1 answers {@code API IS NOT ENABLED FOR THIS COMMUNITY}, v2 402. */
    FREE(0),
    STANDARD(1),
    PLUS(2),
    PRO(3);

    private final int version;

    SandboxPlan(int version) {
        this.version = version;
    }

    public int version() {
        return version;
    }

    public boolean includes(SandboxPlan required) {
        return version >= required.version;
    }
}
