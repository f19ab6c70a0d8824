package dev.cadbridge.sonoran;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The bounds every operation is checked against before it may be queued. The API publishes few
 * limits of its own, so these are deliberately conservative; they are documented in the README.
 */
public final class OperationLimits {
    public static final int MAX_UNIT_ID_LENGTH = 255;
    public static final int MAX_UNITS_PER_OPERATION = 50;
    public static final int MAX_REASON_LENGTH = 255;
    public static final int MAX_TITLE_LENGTH = 128;
    public static final int MAX_CODE_LENGTH = 64;
    public static final int MAX_BLOCK_LENGTH = 64;
    public static final int MAX_POSTAL_LENGTH = 16;
    public static final int MAX_ADDRESS_LENGTH = 255;
    public static final int MAX_DESCRIPTION_LENGTH = 4000;
    public static final int MAX_NOTES_LENGTH = 4000;
    public static final int MAX_METADATA_ENTRIES = 32;
    public static final int MAX_METADATA_KEY_LENGTH = 64;
    public static final int MAX_METADATA_VALUE_LENGTH = 512;

    private OperationLimits() {}

    /** Parses a call id as a user typed it: a positive whole number that fits in 64 bits. */
    public static long parseCallId(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidOperationException(field, "is missing; expected a positive whole number");
        }
        String trimmed = text.strip();
        if (!trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidOperationException(field, quote(trimmed) + " is not a positive whole number");
        }
        long value;
        try {
            value = Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
            throw new InvalidOperationException(field, quote(trimmed) + " is too large");
        }
        return callId(field, value);
    }

    public static long callId(String field, long value) {
        if (value <= 0) {
            throw new InvalidOperationException(field, value + " must be a positive number");
        }
        return value;
    }

    public static String unitId(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidOperationException(field, "is blank");
        }
        if (value.length() > MAX_UNIT_ID_LENGTH) {
            throw new InvalidOperationException(field, "is " + value.length() + " characters long; the limit is " + MAX_UNIT_ID_LENGTH);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                throw new InvalidOperationException(field, quote(value) + " contains whitespace");
            }
            if (Character.isISOControl(c)) {
                throw new InvalidOperationException(field, quote(value) + " contains a control character");
            }
        }
        return value;
    }

    /** Validates, and collapses duplicates while keeping the first-seen order. */
    public static List<String> unitIds(String field, List<String> values, boolean allowEmpty) {
        if (values == null || (values.isEmpty() && !allowEmpty)) {
            throw new InvalidOperationException(field, "needs at least one unit");
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            unique.add(unitId(field + "[" + i + "]", values.get(i)));
        }
        if (unique.size() > MAX_UNITS_PER_OPERATION) {
            throw new InvalidOperationException(field, unique.size() + " units; the limit is " + MAX_UNITS_PER_OPERATION);
        }
        return List.copyOf(new ArrayList<>(unique));
    }

    public static String requiredText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidOperationException(field, "is blank");
        }
        return optionalText(field, value, maxLength);
    }

    /** Free text: null becomes empty; line breaks and tabs are allowed, other control characters are not. */
    public static String optionalText(String field, String value, int maxLength) {
        if (value == null) {
            return "";
        }
        if (value.length() > maxLength) {
            throw new InvalidOperationException(field, "is " + value.length() + " characters long; the limit is " + maxLength);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                throw new InvalidOperationException(field, "contains a control character (U+" + String.format("%04X", (int) c) + ")");
            }
        }
        return value;
    }

    static String quote(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        StringBuilder out = new StringBuilder("\"");
        shown.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('"').toString();
    }
}
