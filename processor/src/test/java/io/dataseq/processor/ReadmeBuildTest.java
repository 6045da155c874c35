package io.dataseq.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the consumer project that {@code mvn verify} builds (src/it/readme-build, run by maven-invoker-plugin) made
 * of exactly what the README tells a user to write: its build snippet and its first reader and their use, and the
 * user guide's getting started. Edit either, and this fails until the project says the same, so the invoker always
 * builds what the documents show.
 */
class ReadmeBuildTest {
    /** Relative to the processor module, where Maven runs the tests. */
    private static final Path README = Path.of("..", "README.md");
    private static final Path GUIDE = Path.of("..", "docs", "user-guide.md");
    private static final Path PROJECT = Path.of("src", "it", "readme-build");

    @Test
    void theConsumerProjectBuildsTheReadmeSnippet() throws IOException {
        String snippet = sectionBlocks("## Using DataSeq in your build", "xml").get(0);
        String pom = read(PROJECT.resolve("pom.xml"));

        String between = pom.substring(pom.indexOf("<!-- README: begin -->\n") + 23, pom.indexOf("<!-- README: end -->"));
        assertEquals(snippet, between, "the README's build snippet and " + PROJECT.resolve("pom.xml"));
    }

    @Test
    void theConsumerProjectCompilesTheReadmeReaderAndItsUse() throws IOException {
        List<String> code = sectionBlocks("# DataSeq", "java");
        String reader = read(PROJECT.resolve("src/main/java/demo/Digits.java"));
        String use = read(PROJECT.resolve("src/main/java/demo/Train.java"));

        assertTrue(reader.endsWith("\n" + code.get(0)), "Digits.java must end with the README's first reader");
        assertTrue(use.contains(code.get(1).indent(8)), "Train.java must hold the README's use of the sequence");
    }

    @Test
    void theConsumerProjectCompilesTheUserGuidesGettingStarted() throws IOException {
        List<String> code = sectionBlocks(GUIDE, "## Getting started", "java");
        String use = read(PROJECT.resolve("src/main/java/demo/GuideStart.java"));

        assertEquals(sectionBlocks("# DataSeq", "java").get(0), code.get(0), "the guide's first reader is the README's");
        assertTrue(use.contains(code.get(1).indent(8)), "GuideStart.java must hold the guide's use of the sequence");
    }

    private static List<String> sectionBlocks(String heading, String language) throws IOException {
        return sectionBlocks(README, heading, language);
    }

    /** The code blocks in {@code language} of {@code doc}'s section under {@code heading}, without their fences. */
    private static List<String> sectionBlocks(Path doc, String heading, String language) throws IOException {
        String readme = read(doc);
        int start = readme.indexOf(heading + "\n");
        int end = readme.indexOf("\n## ", start + heading.length());
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Matcher block = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(section);
        List<String> blocks = new ArrayList<>();
        while (block.find()) {
            blocks.add(block.group(1));
        }
        assertTrue(!blocks.isEmpty(), "no ```" + language + " block under " + heading + " in " + doc);
        return blocks;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
