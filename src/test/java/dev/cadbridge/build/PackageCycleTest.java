package dev.cadbridge.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No two packages of the plugin depend on each other, directly or around a loop: each package can
 * then be read, tested and changed from the bottom up (the wire knows nothing of the queue, the
 * settings nothing of the commands that use them).
 */
class PackageCycleTest {
    private static final Path MAIN_SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package (dev\\.cadbridge[\\w.]*);", Pattern.MULTILINE);
    /** Imports and fully qualified names of the plugin's own classes. */
    private static final Pattern USE = Pattern.compile("\\b(dev\\.cadbridge(?:\\.[a-z]\\w*)+)\\.[A-Z]");

    @Test
    void noPackageDependsOnItselfThroughOthers() throws IOException {
        Map<String, Set<String>> uses = packageDependencies();
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            List<String> path = cycleFrom(start, uses);
            if (!path.isEmpty()) {
                cycles.add(String.join(" -> ", path));
            }
        }
        assertThat(cycles).as("package cycles").isEmpty();
    }

    @Test
    void theCheckFindsALoopThroughAThirdPackage() {
        Map<String, Set<String>> uses = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertThat(cycleFrom("a", uses)).containsExactly("a", "b", "c", "a");
        assertThat(cycleFrom("d", uses)).isEmpty();
    }

    private static Map<String, Set<String>> packageDependencies() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher declared = PACKAGE.matcher(text);
                if (!declared.find()) {
                    continue;
                }
                String own = declared.group(1);
                Set<String> targets = uses.computeIfAbsent(own, p -> new TreeSet<>());
                Matcher use = USE.matcher(text);
                while (use.find()) {
                    if (!use.group(1).equals(own)) {
                        targets.add(use.group(1));
                    }
                }
            }
        }
        return uses;
    }

    /** A path from {@code start} back to itself, or empty when there is none. */
    private static List<String> cycleFrom(String start, Map<String, Set<String>> uses) {
        List<String> path = new ArrayList<>(List.of(start));
        return search(start, start, uses, path, new TreeSet<>()) ? path : List.of();
    }

    private static boolean search(String start, String at, Map<String, Set<String>> uses, List<String> path, Set<String> seen) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            path.add(next);
            if (next.equals(start)) {
                return true;
            }
            if (seen.add(next) && search(start, next, uses, path, seen)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }
}
