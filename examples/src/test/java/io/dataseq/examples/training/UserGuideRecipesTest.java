package io.dataseq.examples.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The user guide's recipes show the tested code: every Java block of its "Recipes" section is, line for line
 * (indentation aside), a run of lines of one of the recipe files, so a snippet cannot drift from the code its test
 * runs; and every recipe file the section links to exists.
 */
class UserGuideRecipesTest {
    private static final Path GUIDE = Path.of("..", "docs", "user-guide.md");
    private static final Path RECIPES = Path.of("src", "main", "java", "io", "dataseq", "examples", "training");

    @Test
    void everyJavaBlockOfTheRecipesIsTheExamplesOwnCode() throws IOException {
        String section = recipesSection();
        Map<Path, List<String>> sources = new TreeMap<>();
        try (Stream<Path> files = Files.list(RECIPES)) {
            for (Path file : files.filter(file -> file.toString().endsWith(".java")).toList()) {
                sources.put(file, stripped(Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(section);
        int blocks = 0;
        while (block.find()) {
            blocks++;
            List<String> snippet = stripped(block.group(1));
            boolean found = sources.values().stream()
                    .anyMatch(source -> Collections.indexOfSubList(source, snippet) >= 0);
            assertTrue(found, "this snippet of " + GUIDE + " is in no file of " + RECIPES + ":\n" + block.group(1));
        }
        assertTrue(blocks > 0, "no Java block in the recipes");
    }

    @Test
    void theRecipesLinkToFilesThatExist() throws IOException {
        Matcher link = Pattern.compile("\\]\\(\\.\\./(examples/[^)#]+)").matcher(recipesSection());
        int links = 0;
        while (link.find()) {
            links++;
            Path target = Path.of("..").resolve(link.group(1));
            assertTrue(Files.exists(target), target + " linked from the recipes");
        }
        assertTrue(links > 0, "no link to an example in the recipes");
    }

    /** The guide's "## Recipes" section, up to the next section. */
    private static String recipesSection() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        int start = guide.indexOf("\n## Recipes\n");
        assertTrue(start >= 0, "no \"## Recipes\" section in " + GUIDE);
        int end = guide.indexOf("\n## ", start + 1);
        return guide.substring(start, end < 0 ? guide.length() : end);
    }

    private static List<String> stripped(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        lines.replaceAll(String::strip);
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
