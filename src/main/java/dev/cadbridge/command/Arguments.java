package dev.cadbridge.command;

import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import java.util.ArrayList;
import java.util.List;

/** Splits what the server already split on spaces back into words, keeping "quoted words" together. */
public final class Arguments {
    private Arguments() {}

    public static List<String> tokenize(String[] raw) {
        String line = String.join(" ", raw);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    word.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == '"' && !inWord) {
                quoted = true;
                inWord = true;
            } else if (c == ' ') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quoted) {
            throw new CommandFailure(Message.INVALID, Messages.text("problem", "a quote (\") is opened but never closed"));
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
