package dev.cadbridge.sonoran;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;

/**
 * One unit the CAD lists as active on this server ({@code GET .../units}, v2), as its answer gives
 * it. Text the answer leaves out is empty, never null.
 *
 * @param id              the CAD identifier id, as push events and call answers name units ({@code ident})
 * @param accountUuid     the CAD account the identifier belongs to ({@code accId})
 * @param communityUserId the game server's id for the player ({@code data.communityUserId}); empty
 *                        when the unit was not logged in through a game integration
 * @param unitNumber      the unit's callsign ({@code data.unitNum}, "A-10")
 * @param name            the name on the identifier ({@code data.name})
 * @param department      {@code data.department}
 * @param status          the documented UNIT_STATUS code (0 unavailable ... 4 on scene, 100 offline)
 * @param panic           whether its panic button is pressed
 * @param location        the location the CAD shows for it
 * @param dispatcher      true for a dispatcher rather than a field unit ({@code isDispatch})
 */
public record ActiveUnit(long id, String accountUuid, String communityUserId, String unitNumber, String name,
                         String department, int status, boolean panic, String location, boolean dispatcher) {
    private static final Map<Integer, String> STATUS_NAMES = Map.of(0, "unavailable", 1, "busy", 2, "available",
            3, "enroute", 4, "onscene", 100, "offline");

    public ActiveUnit {
        accountUuid = orEmpty(accountUuid);
        communityUserId = orEmpty(communityUserId);
        unitNumber = orEmpty(unitNumber);
        name = orEmpty(name);
        department = orEmpty(department);
        location = orEmpty(location);
    }

    /** The status as players type it for /cad unit ("available", "onscene"); "status N" for an undocumented code. */
    public String statusName() {
        return STATUS_NAMES.getOrDefault(status, "status " + status);
    }

    /** One entry of the answer, or null when it is not a unit (no numeric {@code id}). */
    static ActiveUnit read(JsonElement element) {
        if (element == null || !element.isJsonObject()) {
            return null;
        }
        JsonObject json = element.getAsJsonObject();
        Long id = AnswerFields.number(json, "id");
        if (id == null) {
            return null;
        }
        JsonObject data = AnswerFields.object(json, "data");
        Long status = AnswerFields.number(json, "status");
        return new ActiveUnit(id, AnswerFields.text(json, "accId"), AnswerFields.text(data, "communityUserId"),
                AnswerFields.text(data, "unitNum"), AnswerFields.text(data, "name"), AnswerFields.text(data, "department"),
                status == null ? -1 : status.intValue(), AnswerFields.flag(json, "isPanic"),
                AnswerFields.text(json, "location"), AnswerFields.flag(json, "isDispatch"));
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
