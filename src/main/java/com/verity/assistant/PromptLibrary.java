package com.verity.assistant;

import dev.langchain4j.model.input.PromptTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The prompt templates under {@code prompts/}, loaded and checked once at start-up: each file opens
 * with a front matter that names its {@code version}, and uses exactly the {{variables}} its step
 * fills in. A malformed template stops the service with a message that names the file and the fix.
 * Files in the configured folder win over the ones shipped in the jar.
 */
@Component
class PromptLibrary {

    /**
     * One template file: its text and the version recorded with every answer it produced.
     *
     * @param frontMatter the front matter's other {@code key: value} lines
     */
    record Prompt(String name, String version, String text, Map<String, String> frontMatter) {

        String render(Map<String, Object> values) {
            return PromptTemplate.from(text).apply(values).text();
        }
    }

    private static final Pattern FRONT_MATTER =
            Pattern.compile("\\A---\\R(.*?)\\R---\\R(.*)\\z", Pattern.DOTALL);
    private static final Pattern VERSION =
            Pattern.compile("^version:\\s*(\\S+)\\s*$", Pattern.MULTILINE);
    private static final Pattern ENTRY =
            Pattern.compile("^([A-Za-z][\\w-]*):\\s*(.*?)\\s*$", Pattern.MULTILINE);
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    /**
     * The system and answer templates an answer is made with; its version (recorded with every
     * answer) names both, e.g. {@code system-1+answer-1}.
     */
    record PromptSet(Prompt system, Prompt answer) {
        String version() {
            return system.version() + "+" + answer.version();
        }

        /** The exact sentence the model is told to reply with when the passages do not answer. */
        String decline() {
            return system.frontMatter().get("decline");
        }
    }

    /** Other prompt versions an evaluation may answer with, each in a folder of its own. */
    static final String VERSIONS_FOLDER = "versions";

    private final PromptSet current;
    private final Map<String, PromptSet> installed = new java.util.LinkedHashMap<>();
    private final Prompt condense;
    private final Map<EvaluationPrompt, Prompt> evaluations;

    PromptLibrary(AssistantProperties properties) {
        Path folder = Path.of(properties.promptsDir());
        this.current =
                new PromptSet(
                        withDecline(load(folder, "system", Set.of("decline"))),
                        load(folder, "answer", ANSWER_VARIABLES));
        installed.put(current.version(), current);
        loadVersions(folder.resolve(VERSIONS_FOLDER));
        this.condense = load(folder, "condense", Set.of("history", "question"));
        this.evaluations = new java.util.EnumMap<>(EvaluationPrompt.class);
        for (EvaluationPrompt prompt : EvaluationPrompt.values()) {
            evaluations.put(prompt, load(folder, prompt.file(), prompt.variables()));
        }
    }

    Prompt evaluation(EvaluationPrompt prompt) {
        return evaluations.get(prompt);
    }

    private static final Set<String> ANSWER_VARIABLES = Set.of("passages", "question");

    /**
     * Each folder under {@code versions/} is another prompt version: its {@code system.md} and
     * {@code answer.md}, either of them left out meaning the one in use. Checked like the others.
     */
    private void loadVersions(Path versions) {
        if (!Files.isDirectory(versions)) {
            return;
        }
        try (java.util.stream.Stream<Path> folders = Files.list(versions)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                Prompt system =
                        Files.isRegularFile(folder.resolve("system.md"))
                                ? withDecline(load(folder, "system", Set.of("decline")))
                                : current.system();
                Prompt answer =
                        Files.isRegularFile(folder.resolve("answer.md"))
                                ? load(folder, "answer", ANSWER_VARIABLES)
                                : current.answer();
                PromptSet set = new PromptSet(system, answer);
                if (installed.putIfAbsent(set.version(), set) != null) {
                    throw malformed(
                            folder + "/",
                            "its prompts have the version %s, which another prompt set has: give its files versions of their own"
                                    .formatted(set.version()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the prompt versions in " + versions, e);
        }
    }

    /** The prompts answers are made with now. */
    PromptSet current() {
        return current;
    }

    /** An installed prompt version (the one in use or one under {@code versions/}). */
    java.util.Optional<PromptSet> set(String version) {
        return java.util.Optional.ofNullable(installed.get(version));
    }

    /** The installed prompt versions, the one in use first. */
    java.util.List<String> versions() {
        return java.util.List.copyOf(installed.keySet());
    }

    Prompt condense() {
        return condense;
    }

    /**
     * The exact sentence the model is told to reply with when the passages do not answer (the
     * system prompt's {@code decline}), which is also the answer when nothing relevant is found.
     */
    String decline() {
        return current.decline();
    }

    /** The system prompt with its {{decline}} filled from its own front matter. */
    private static Prompt withDecline(Prompt system) {
        String decline = system.frontMatter().get("decline");
        if (decline == null || decline.isBlank()) {
            throw malformed(
                    system.name(),
                    "its front matter has no 'decline: <sentence>' line (the exact reply when the"
                            + " passages do not answer, used in the text as {{decline}})");
        }
        return new Prompt(
                system.name(),
                system.version(),
                system.render(Map.of("decline", decline)),
                system.frontMatter());
    }

    /** The versions of the system and answer templates, recorded with each answer. */
    String answerVersion() {
        return current.version();
    }

    static Prompt load(Path folder, String name, Set<String> variables) {
        String file = name + ".md";
        return parse(file, read(folder.resolve(file), "prompts/" + file), variables);
    }

    static Prompt parse(String file, String content, Set<String> variables) {
        Matcher matter = FRONT_MATTER.matcher(content.replace("\r\n", "\n"));
        if (!matter.matches()) {
            throw malformed(
                    file,
                    "it must start with a front matter: a line '---', a line 'version: <name>',"
                            + " and a closing line '---' before the template text");
        }
        Matcher version = VERSION.matcher(matter.group(1));
        if (!version.find()) {
            throw malformed(file, "its front matter has no 'version: <name>' line");
        }
        String text = matter.group(2).strip();
        if (text.isEmpty()) {
            throw malformed(file, "the template text after the front matter is empty");
        }
        Set<String> used = new TreeSet<>();
        Matcher variable = VARIABLE.matcher(text);
        while (variable.find()) {
            used.add(variable.group(1));
        }
        String rest = VARIABLE.matcher(text).replaceAll("");
        if (rest.contains("{{") || rest.contains("}}")) {
            throw malformed(file, "it has an unbalanced '{{' or '}}'; variables read {{name}}");
        }
        if (!used.equals(variables)) {
            Set<String> unknown = new TreeSet<>(used);
            unknown.removeAll(variables);
            Set<String> missing = new TreeSet<>(variables);
            missing.removeAll(used);
            throw malformed(
                    file,
                    "it must use exactly the variables %s; unknown: %s, missing: %s"
                            .formatted(new TreeSet<>(variables), unknown, missing));
        }
        Map<String, String> entries = new java.util.LinkedHashMap<>();
        Matcher entry = ENTRY.matcher(matter.group(1));
        while (entry.find()) {
            if (!entry.group(1).equals("version")) {
                entries.put(entry.group(1), entry.group(2));
            }
        }
        return new Prompt(file, version.group(1), text, Map.copyOf(entries));
    }

    private static String read(Path file, String resource) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            try (InputStream in =
                    PromptLibrary.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(
                            "Prompt template %s not found (nor %s in the jar); set verity.assistant.prompts-dir to the folder that holds it"
                                    .formatted(file.toAbsolutePath(), resource));
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read prompt template " + file, e);
        }
    }

    private static IllegalStateException malformed(String file, String problem) {
        return new IllegalStateException(
                "Prompt template %s is malformed: %s (see docs/prompts.md)"
                        .formatted(file, problem));
    }
}
