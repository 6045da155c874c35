package io.dataseq.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Keeps the {@link Message} catalogue, its tests and its user documentation together. */
class MessageCatalogueTest {
    /** Every class with {@link Covers} tests. A class left out here makes its messages look untested: it fails. */
    private static final List<Class<?>> RULE_TESTS = List.of(
            ClassRulesTest.class,
            SettingsRulesTest.class,
            MethodSetRulesTest.class,
            MethodRulesTest.class,
            InheritanceTest.class,
            ImageRulesTest.class,
            StreamingRulesTest.class,
            DirectFeaturesRulesTest.class,
            ProcessorLoopTest.class,
            RebuildTest.class);

    /** Relative to the processor module, where Maven runs the tests. */
    private static final Path ERRORS_DOC = Path.of("..", "docs", "errors.md");
    private static final Pattern HEADING = Pattern.compile("^## (\\w+)$", Pattern.MULTILINE);

    @Test
    void everyMessageHasATest() {
        Set<Message> covered = EnumSet.noneOf(Message.class);
        for (Class<?> testClass : RULE_TESTS) {
            for (Method method : testClass.getDeclaredMethods()) {
                Covers covers = method.getAnnotation(Covers.class);
                if (covers != null) {
                    assertTrue(covered.add(covers.value()), "two tests cover " + covers.value());
                }
            }
        }
        Set<Message> untested = EnumSet.complementOf(EnumSet.copyOf(covered));
        assertEquals(Set.of(), untested, "messages without a @Covers test");
    }

    @Test
    void everyMessageIsDocumentedInOrder() throws IOException {
        String doc = Files.readString(ERRORS_DOC, StandardCharsets.UTF_8);
        List<String> headings = new ArrayList<>();
        Matcher matcher = HEADING.matcher(doc);
        while (matcher.find()) {
            headings.add(matcher.group(1));
        }
        List<String> ids = Arrays.stream(Message.values()).map(Message::id).collect(Collectors.toList());
        assertEquals(ids, headings, ERRORS_DOC.toAbsolutePath().normalize() + " must have one '## ID' per message,"
                + " in the catalogue's order");
    }

    @Test
    void everyMessageStatesARuleAndAFix() {
        for (Message message : Message.values()) {
            String text = message.format("A", "b()", "C", "D", "e()");
            assertTrue(text.startsWith("[" + message.id() + "] "), text);
            // "<subject> <rule>. <fix>": the rule ends with a full stop before the fix begins.
            assertTrue(text.matches("(?s)\\[\\w+] \\S.*\\. [A-Z].*"), text);
        }
    }
}
