package org.dealerplatform.security.tokens;

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

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SEC-7: {@code SECURITY.md} (read from the repository, like {@link DeploymentFilesTest} reads the deployment files)
 * has what a reader needs, and its audit tables name tests that exist, so a renamed or deleted test cannot leave a
 * control with a proof that is no longer there.
 */
class SecurityDocumentTest {

    private static final Path REPO = Path.of("..");
    /** A test named in the audit: {@code `ClassTest.method`}, {@code `ClassIT.method`} or {@code `ClassTest`}. */
    private static final Pattern NAMED_TEST = Pattern.compile("`([A-Z]\\w*(?:Test|IT))(?:\\.(\\w+))?`");

    private static String document() throws IOException {
        return Files.readString(REPO.resolve("SECURITY.md"));
    }

    @Test
    @DisplayName("SEC-7 SECURITY.md says how to report a vulnerability, names the four actors of the threat model, the controls and the OWASP result, and links only to files of the repository")
    void namesActorsAndReporting() throws IOException {
        String document = document();
        assertThat(document).contains("## Reporting a vulnerability", "## Actors and what each may do",
                "## Controls, and what each defends", "## OWASP API Top 10 matrix", "## Tests that prove each control");
        assertThat(document).contains("**Branch staff**", "**HQ**", "**SMS / e-mail provider**", "**Anonymous caller**");
        Matcher link = Pattern.compile("\\]\\(([^)#]+)(?:#[^)]*)?\\)").matcher(document);
        Path root = REPO.toAbsolutePath().normalize();
        List<String> outside = new ArrayList<>();
        while (link.find()) {
            String target = link.group(1);
            if (target.startsWith("https://") || target.startsWith("http://")) {
                continue;
            }
            Path resolved = root.resolve(target).normalize();
            if (target.startsWith("/") || !resolved.startsWith(root) || !Files.exists(resolved)) {
                outside.add(target);
            }
        }
        assertThat(outside).as("links that leave the repository or lead nowhere").isEmpty();
    }

    @Test
    @DisplayName("SEC-7 every test the audit tables of SECURITY.md name exists in the repository, with the named method")
    void namedTestsExist() throws IOException {
        String document = document();
        int start = document.indexOf("## Tests that prove each control");
        assertThat(start).as("the audit section").isNotNegative();
        int end = document.indexOf("\n## ", start + 1);
        String audit = document.substring(start, end < 0 ? document.length() : end);

        List<Path> testSources;
        try (Stream<Path> walk = Files.walk(REPO, 12)) {
            testSources = walk.filter(p -> p.toString().contains("/src/test/java/") && p.toString().endsWith(".java")
                    && !p.toString().contains("/target/") && !p.toString().contains("/node_modules/")).toList();
        }
        Set<String> named = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        Matcher m = NAMED_TEST.matcher(audit);
        while (m.find()) {
            named.add(m.group(0));
            String className = m.group(1);
            String method = m.group(2);
            List<Path> classes = testSources.stream()
                    .filter(p -> p.getFileName().toString().equals(className + ".java")).toList();
            if (classes.isEmpty()) {
                missing.add(m.group(0) + ": no such test class");
            } else if (method != null && classes.stream().noneMatch(p -> declares(p, method))) {
                missing.add(m.group(0) + ": no such method in " + classes);
            }
        }
        assertThat(named).as("tests named in the audit").hasSizeGreaterThan(60);
        assertThat(missing).as("tests named in SECURITY.md that do not exist").isEmpty();
    }

    private static boolean declares(Path source, String method) {
        try {
            return Pattern.compile("\\bvoid\\s+" + Pattern.quote(method) + "\\s*\\(").matcher(Files.readString(source)).find();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
