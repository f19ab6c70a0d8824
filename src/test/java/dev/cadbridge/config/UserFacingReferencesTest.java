package dev.cadbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Everything an owner reads (config.yml, plugin.yml, the README, every message, the console banner)
 * points only at things that exist: no file the owner does not have, no placeholder address, no
 * CAD menu the vendor's documentation does not show.
 */
class UserFacingReferencesTest {
    /**
     * Addresses known to be real: the API host and the link page are in the vendor's pages
     * (../shared/sonoran-api), sonorancad.com is the CAD's own site, and the MiniMessage page is the
     * Adventure project's format reference.
     */
    private static final Set<String> REAL_ADDRESSES = Set.of(
            "https://api.sonorancad.com",
            "https://sonorancad.com",
            "https://sonorancad.com/id?code=XXXX",
            "https://docs.advntr.dev/minimessage/format.html",
            // bStats' own site, which its config header links to as well
            "https://bstats.org");

    private static final Pattern ADDRESS = Pattern.compile("https?://[^\\s)\"'`<>|]+");
    private static final Pattern REPOSITORY_FILE = Pattern.compile("[\\w./-]+\\.md\\b");
    private static final Pattern CAD_MENU = Pattern.compile("Admin(?: > [A-Z][\\w-]*(?: [A-Z][\\w-]*)*)+");

    /** What the plugin shows or ships: the owner has these and nothing else of the repository. */
    private static String shipped() throws IOException {
        List<String> texts = new ArrayList<>();
        texts.add(Files.readString(Path.of("config.yml")));
        texts.add(Files.readString(Path.of("plugin.yml")));
        for (Message message : Message.values()) {
            texts.add(message.defaultTemplate());
        }
        texts.add(CredentialBanner.render("plugins/CadBridge/config.yml"));
        texts.add(CredentialBanner.rejected("plugins/CadBridge/config.yml", "the CAD rejected the API key (HTTP 401)", "t-1"));
        return String.join("\n", texts);
    }

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    private static Set<String> all(Pattern pattern, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group().replaceAll("[.,;:]+$", ""));
        }
        return found;
    }

    @Test
    void whatTheOwnerGetsNamesNoRepositoryFile() throws IOException {
        assertThat(all(REPOSITORY_FILE, shipped())).as("files the owner does not have").isEmpty();
    }

    @Test
    void everyAddressIsAKnownRealOne() throws IOException {
        // Loopback addresses are the sandbox CAD in the README's status example, not a place to visit.
        assertThat(all(ADDRESS, shipped() + "\n" + readme()))
                .filteredOn(address -> !address.startsWith("http://127.0.0.1"))
                .isSubsetOf(REAL_ADDRESSES);
    }

    @Test
    void pluginYmlClaimsNoProjectWebsite() throws IOException {
        // There is no project site; Paper shows `website` to owners, so a guessed one would mislead them.
        assertThat(Files.readString(Path.of("plugin.yml"))).doesNotContainPattern("(?m)^website:");
    }

    @Test
    void everyFileTheReadmeNamesIsInTheRepository() throws IOException {
        assertThat(all(REPOSITORY_FILE, readme())).isNotEmpty()
                .allSatisfy(file -> assertThat(Path.of(file)).as(file).isRegularFile());
    }

    @Test
    void everyCadMenuNamedIsOneTheVendorDocumentationShows() throws IOException {
        Path vendorPages = Stream.of(System.getProperty("cadbridge.shared.dir", "../shared"), "../shared", "../../shared")
                .map(dir -> Path.of(dir, "sonoran-api"))
                .filter(Files::isDirectory).findFirst().orElse(null);
        Assumptions.assumeTrue(vendorPages != null, "../shared/sonoran-api is not here; CAD menus are not checked");
        StringBuilder vendor = new StringBuilder();
        try (Stream<Path> pages = Files.walk(vendorPages)) {
            for (Path page : pages.filter(path -> path.toString().endsWith(".md")).toList()) {
                vendor.append(Files.readString(page).replace("**", "")).append('\n');
            }
        }
        Set<String> menus = all(CAD_MENU, shipped() + "\n" + readme());
        assertThat(menus).as("CAD menus named to owners").isNotEmpty()
                .allSatisfy(menu -> assertThat(vendor).as(menu).contains(menu));
    }
}
