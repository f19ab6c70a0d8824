package dev.cadbridge.sonoran;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Create a dispatch call. Optional text fields are empty strings, never null; {@code units} may be
 * empty for an unassigned call (the first unit becomes the call's primary).
 */
public record NewDispatch(
        CallOrigin origin,
        CallStatus status,
        int priority,
        String title,
        String code,
        String block,
        String address,
        String postal,
        String description,
        String notes,
        Map<String, String> metaData,
        List<String> units) implements CadOperation {

    public NewDispatch {
        if (origin == null) {
            throw new InvalidOperationException("origin", "is missing");
        }
        if (status == null) {
            throw new InvalidOperationException("status", "is missing");
        }
        if (priority < 1 || priority > 3) {
            throw new InvalidOperationException("priority", priority + " is out of range; use 1, 2 or 3");
        }
        title = OperationLimits.requiredText("title", title, OperationLimits.MAX_TITLE_LENGTH);
        code = OperationLimits.optionalText("code", code, OperationLimits.MAX_CODE_LENGTH);
        block = OperationLimits.optionalText("block", block, OperationLimits.MAX_BLOCK_LENGTH);
        address = OperationLimits.optionalText("address", address, OperationLimits.MAX_ADDRESS_LENGTH);
        postal = OperationLimits.optionalText("postal", postal, OperationLimits.MAX_POSTAL_LENGTH);
        description = OperationLimits.optionalText("description", description, OperationLimits.MAX_DESCRIPTION_LENGTH);
        notes = OperationLimits.optionalText("notes", notes, OperationLimits.MAX_NOTES_LENGTH);
        metaData = validMetaData(metaData);
        units = OperationLimits.unitIds("units", units == null ? List.of() : units, true);
    }

    private static Map<String, String> validMetaData(Map<String, String> metaData) {
        if (metaData == null || metaData.isEmpty()) {
            return Map.of();
        }
        if (metaData.size() > OperationLimits.MAX_METADATA_ENTRIES) {
            throw new InvalidOperationException("metaData", metaData.size() + " entries; the limit is " + OperationLimits.MAX_METADATA_ENTRIES);
        }
        Map<String, String> copy = new LinkedHashMap<>();
        metaData.forEach((key, value) -> {
            String k = OperationLimits.requiredText("metaData key", key, OperationLimits.MAX_METADATA_KEY_LENGTH);
            String v = OperationLimits.optionalText("metaData." + k, Objects.requireNonNullElse(value, ""), OperationLimits.MAX_METADATA_VALUE_LENGTH);
            copy.put(k, v);
        });
        return java.util.Collections.unmodifiableMap(copy);
    }

    @Override
    public OperationType type() {
        return OperationType.NEW_DISPATCH;
    }

    @Override
    public List<String> targets() {
        return Targets.of(List.of(), units);
    }
}
