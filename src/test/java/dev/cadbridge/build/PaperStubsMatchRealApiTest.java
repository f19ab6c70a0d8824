package dev.cadbridge.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compile-only stubs in src/stubs/java must describe the real paper-api 1.21.11: a stub that
 * invents a method compiles here and then fails with NoSuchMethodError on a real server.
 * The reference is ../shared/paper-api/paper-api-1.21.11.sigs (format in its README).
 */
class PaperStubsMatchRealApiTest {

    private static final Path STUB_SOURCES = Path.of("src/stubs/java");

    private static Map<String, RealType> realTypes;
    private static Path sigsFile;

    record RealType(String name, String kind, List<String> supertypes, Map<String, Boolean> membersIsStatic) {}

    @BeforeAll
    static void readReferenceSurface() throws IOException {
        // The build sets cadbridge.shared.dir; ../../shared is where it sits from a git worktree under wt/.
        List<Path> candidates = List.of(
                Path.of(System.getProperty("cadbridge.shared.dir", "../shared")),
                Path.of("../shared"),
                Path.of("../../shared"));
        for (Path shared : candidates) {
            Path sigs = shared.resolve("paper-api/paper-api-1.21.11.sigs");
            if (Files.isRegularFile(sigs)) {
                sigsFile = sigs;
                realTypes = parse(Files.readAllLines(sigs));
                return;
            }
        }
        System.err.println("WARNING: paper-api-1.21.11.sigs not found in " + candidates
                + "; the Paper stubs are NOT checked against the real API");
    }

    /** Each test is reported as skipped, with the reason, when the reference is missing. */
    private static void requireReference() {
        Assumptions.assumeTrue(sigsFile != null,
                "SKIPPED: ../shared/paper-api/paper-api-1.21.11.sigs is absent, so the stubs in src/stubs/java"
                        + " were NOT checked against the real paper-api");
    }

    static Map<String, RealType> parse(List<String> lines) {
        Map<String, RealType> types = new HashMap<>();
        for (String line : lines) {
            if (line.startsWith("type ")) {
                String[] parts = line.split(" ");
                List<String> supers = new ArrayList<>();
                for (int i = 3; i + 1 < parts.length; i += 2) {
                    if (parts[i].equals("extends") || parts[i].equals("implements")) {
                        supers.addAll(List.of(parts[i + 1].split(",")));
                    }
                }
                types.put(parts[1], new RealType(parts[1], parts[2], supers, new HashMap<>()));
            }
        }
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("type ")) {
                continue;
            }
            int hash = line.indexOf('#');
            int space = line.indexOf(' ');
            String owner = line.substring(0, hash);
            String member = line.substring(hash + 1, space);
            boolean isStatic = List.of(line.substring(space + 1).split(" ")).contains("static");
            RealType type = types.get(owner);
            if (type != null) {
                type.membersIsStatic().put(member, isStatic);
            }
        }
        return types;
    }

    @Test
    void referenceSurfaceWasReadAndStubsWereFound() throws IOException {
        requireReference();
        assertThat(realTypes).containsKey("org.bukkit.entity.Player");
        assertThat(realTypes.get("org.bukkit.entity.Player").membersIsStatic())
                .containsEntry("getIdleDuration()Ljava/time/Duration;", false);
        assertThat(stubClasses()).hasSizeGreaterThan(10);
    }

    @Test
    void everyStubTypeExistsWithTheSameKindAndRealSupertypes() throws IOException {
        requireReference();
        List<String> problems = new ArrayList<>();
        for (Class<?> stub : stubClasses()) {
            RealType real = realTypes.get(stub.getName());
            if (real == null) {
                problems.add(stub.getName() + ": no such type in paper-api 1.21.11");
                continue;
            }
            if (!kindOf(stub).equals(real.kind())) {
                problems.add(stub.getName() + ": stub is " + kindOf(stub) + ", real type is " + real.kind());
            }
            for (String supertype : declaredSupertypes(stub)) {
                if (!real.supertypes().contains(supertype)) {
                    problems.add(stub.getName() + ": real type does not extend or implement " + supertype);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyStubMemberExistsOnTheRealTypeWithTheSameDescriptorAndStaticness() throws IOException {
        requireReference();
        List<String> problems = new ArrayList<>();
        for (Class<?> stub : stubClasses()) {
            RealType real = realTypes.get(stub.getName());
            if (real == null) {
                continue; // reported by the type test
            }
            for (Member member : publicMembers(stub)) {
                Boolean realIsStatic = member.isConstructor()
                        ? real.membersIsStatic().get(member.signature())
                        : findInHierarchy(real, member.signature());
                if (realIsStatic == null) {
                    problems.add(stub.getName() + "#" + member.signature() + ": not in the real API");
                } else if (realIsStatic != member.isStatic()) {
                    problems.add(stub.getName() + "#" + member.signature() + ": static-ness differs from the real API");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aMadeUpMemberWouldBeCaught() {
        requireReference();
        RealType player = realTypes.get("org.bukkit.entity.Player");
        assertThat(findInHierarchy(player, "getName()Ljava/lang/String;")).isFalse();
        assertThat(findInHierarchy(player, "teleportToMars()V")).isNull();
    }

    private static Boolean findInHierarchy(RealType start, String signature) {
        Deque<RealType> queue = new ArrayDeque<>(List.of(start));
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            RealType type = queue.poll();
            if (!seen.add(type.name())) {
                continue;
            }
            Boolean found = type.membersIsStatic().get(signature);
            if (found != null) {
                return found;
            }
            for (String supertype : type.supertypes()) {
                RealType next = realTypes.get(supertype);
                if (next != null) {
                    queue.add(next);
                }
            }
        }
        return null;
    }

    record Member(String signature, boolean isStatic, boolean isConstructor) {}

    private static List<Member> publicMembers(Class<?> type) {
        List<Member> members = new ArrayList<>();
        for (Method method : type.getDeclaredMethods()) {
            if (isApi(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
                members.add(new Member(method.getName() + descriptor(method.getParameterTypes(), method.getReturnType()),
                        Modifier.isStatic(method.getModifiers()), false));
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (isApi(constructor.getModifiers()) && !constructor.isSynthetic()) {
                members.add(new Member("<init>" + descriptor(constructor.getParameterTypes(), void.class), false, true));
            }
        }
        for (Field field : type.getDeclaredFields()) {
            if (isApi(field.getModifiers()) && !field.isSynthetic()) {
                members.add(new Member(field.getName() + ":" + descriptor(field.getType()),
                        Modifier.isStatic(field.getModifiers()), false));
            }
        }
        return members;
    }

    private static boolean isApi(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String descriptor(Class<?>[] parameters, Class<?> returnType) {
        StringBuilder out = new StringBuilder("(");
        for (Class<?> parameter : parameters) {
            out.append(descriptor(parameter));
        }
        return out.append(')').append(descriptor(returnType)).toString();
    }

    private static String descriptor(Class<?> type) {
        if (type.isArray()) {
            return "[" + descriptor(type.getComponentType());
        }
        if (type.isPrimitive()) {
            return switch (type.getName()) {
                case "void" -> "V";
                case "boolean" -> "Z";
                case "byte" -> "B";
                case "char" -> "C";
                case "short" -> "S";
                case "int" -> "I";
                case "long" -> "J";
                case "float" -> "F";
                case "double" -> "D";
                default -> throw new IllegalStateException(type.getName());
            };
        }
        return "L" + type.getName().replace('.', '/') + ";";
    }

    private static String kindOf(Class<?> type) {
        if (type.isAnnotation()) {
            return "annotation";
        }
        if (type.isInterface()) {
            return "interface";
        }
        if (type.isEnum()) {
            return "enum";
        }
        if (type.isRecord()) {
            return "record";
        }
        return Modifier.isAbstract(type.getModifiers()) ? "abstract-class" : "class";
    }

    private static Set<String> declaredSupertypes(Class<?> type) {
        Set<String> supertypes = new LinkedHashSet<>();
        if (type.getSuperclass() != null && type.getSuperclass() != Object.class) {
            supertypes.add(type.getSuperclass().getName());
        }
        for (Class<?> implemented : type.getInterfaces()) {
            supertypes.add(implemented.getName());
        }
        return supertypes;
    }

    /** Every class compiled from src/stubs/java, nested ones included. */
    private static List<Class<?>> stubClasses() throws IOException {
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(STUB_SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String relative = STUB_SOURCES.relativize(file).toString();
                String name = relative.substring(0, relative.length() - ".java".length()).replace(file.getFileSystem().getSeparator(), ".");
                addWithNested(load(name), classes);
            }
        }
        return classes;
    }

    private static void addWithNested(Class<?> type, List<Class<?>> into) {
        into.add(type);
        for (Class<?> nested : type.getDeclaredClasses()) {
            addWithNested(nested, into);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, PaperStubsMatchRealApiTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("stub source " + name + " was not compiled", e);
        }
    }
}
