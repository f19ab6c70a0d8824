package dev.cadbridge.live;

/**
 * A unit logged in to the CAD, as the live session knows it. Text the CAD left out is empty.
 *
 * @param ident           the CAD identifier id events name units by
 * @param accountUuid     the CAD account of the identifier ({@code accId})
 * @param communityUserId the game server's id for the player, when the CAD gave one
 * @param unitNumber      the callsign ("A-10")
 * @param name            the name on the identifier
 * @param status          the UNIT_STATUS code, -1 when unknown
 */
public record CadUnit(long ident, String accountUuid, String communityUserId, String unitNumber, String name, int status) {
    public CadUnit {
        accountUuid = accountUuid == null ? "" : accountUuid;
        communityUserId = communityUserId == null ? "" : communityUserId;
        unitNumber = unitNumber == null ? "" : unitNumber;
        name = name == null ? "" : name;
    }

    CadUnit withStatus(int newStatus) {
        return new CadUnit(ident, accountUuid, communityUserId, unitNumber, name, newStatus);
    }

    /** How players see the unit: its callsign, else its name, else its number. */
    public String label() {
        if (!unitNumber.isEmpty()) {
            return unitNumber;
        }
        return name.isEmpty() ? "unit " + ident : name;
    }
}
