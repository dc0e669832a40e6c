package com.verity.benchmark;

import com.verity.benchmark.PolicyDocument.Section;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.yaml.snakeyaml.Yaml;

/**
 * Synthetic but realistic company policies and customer FAQs, and questions a support agent would
 * ask about them, made deterministically from a seed and the vocabulary in {@code
 * benchmark/policy-topics.yaml}. Document {@code n} of a seed is always the same document.
 */
final class PolicyCorpus {

    /** Warm-up documents come from far beyond the measured ones. */
    private static final int WARMUP_OFFSET = 900_000;

    private static final int WEB_OFFSET = 500_000;

    private static final Pattern SLOT = Pattern.compile("\\{([^{}]+)}");
    private static final List<String> QUESTION_FORMS =
            List.of("%s", "%s", "%s", "Hi, %s", "quick question: %s", "%s (I work in {region})");

    private record Topic(
            String key,
            List<String> titles,
            Map<String, List<String>> slots,
            List<SectionTemplate> sections,
            List<String> questions) {}

    private record SectionTemplate(String heading, List<String> sentences) {}

    private final List<Topic> topics;
    private final List<String> general;
    private final long seed;

    private PolicyCorpus(List<Topic> topics, List<String> general, long seed) {
        this.topics = topics;
        this.general = general;
        this.seed = seed;
    }

    @SuppressWarnings("unchecked")
    static PolicyCorpus load(long seed) {
        Map<String, Object> yaml;
        try (InputStream in =
                PolicyCorpus.class.getResourceAsStream("/benchmark/policy-topics.yaml")) {
            yaml = new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var shared = (Map<String, List<String>>) yaml.get("slots");
        List<Topic> topics = new ArrayList<>();
        for (var topic : (List<Map<String, Object>>) yaml.get("topics")) {
            Map<String, List<String>> slots = new HashMap<>(shared);
            slots.putAll((Map<String, List<String>>) topic.getOrDefault("slots", Map.of()));
            List<SectionTemplate> sections =
                    ((List<Map<String, Object>>) topic.get("sections"))
                            .stream()
                                    .map(
                                            s ->
                                                    new SectionTemplate(
                                                            (String) s.get("heading"),
                                                            (List<String>) s.get("sentences")))
                                    .toList();
            topics.add(
                    new Topic(
                            (String) topic.get("key"),
                            (List<String>) topic.get("titles"),
                            slots,
                            sections,
                            (List<String>) topic.get("questions")));
        }
        return new PolicyCorpus(topics, (List<String>) yaml.get("general"), seed);
    }

    /** The first {@code count} documents: what a benchmark measures. */
    List<PolicyDocument> documents(int count) {
        return IntStream.range(0, count).mapToObj(this::document).toList();
    }

    /**
     * {@code count} pages of a public website's kind, none of them among {@link #documents}: about
     * a third web pages (HTML with navigation), the others Markdown and plain text.
     */
    List<PolicyDocument> webPages(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> document(WEB_OFFSET + i))
                .map(d -> d.markdown() && (d.filename().hashCode() & 1) == 0 ? d.asHtml() : d)
                .toList();
    }

    /** {@code count} documents that never appear among the measured ones, to warm up with. */
    List<PolicyDocument> warmupDocuments(int count) {
        return IntStream.range(0, count).mapToObj(i -> document(WARMUP_OFFSET + i)).toList();
    }

    /** Document {@code index}: topics take turns, every third document is plain text. */
    PolicyDocument document(int index) {
        Random random = new Random(seed * 1_000_003L + index);
        Topic topic = topics.get(index % topics.size());
        String region = fill("{region}", topic, random);
        String title =
                "%s (%s, %d edition)"
                        .formatted(pick(topic.titles(), random), region, 2019 + random.nextInt(7));
        List<Section> sections = new ArrayList<>();
        sections.add(
                new Section(2, "Scope", List.of(paragraph(general, 2, topic, random)), List.of()));
        for (SectionTemplate template : topic.sections()) {
            if (random.nextInt(5) == 0) {
                continue; // not every edition covers every section
            }
            sections.add(section(template, topic, random));
            if (random.nextInt(4) == 0) {
                for (int r = 0; r < 2; r++) {
                    String heading = "In " + fill("{region}", topic, random);
                    List<String> text = List.of(paragraph(template.sentences(), 3, topic, random));
                    sections.add(new Section(3, heading, text, List.of()));
                }
            }
        }
        sections.add(
                new Section(
                        2,
                        "Questions and contact",
                        List.of(paragraph(general, 2, topic, random)),
                        List.of()));
        String extension = index % 3 == 2 ? ".txt" : ".md";
        String filename = "%s-%04d%s".formatted(topic.key(), index, extension);
        return new PolicyDocument(topic.key(), filename, title, sections);
    }

    /** Distinct questions over all topics, phrased as people type them. */
    /** Uploads the first {@code count} documents into the collection and waits until indexed. */
    void upload(com.verity.support.VerityApi api, String collection, int count) {
        List<com.verity.support.VerityApi.Upload> files =
                java.util.stream.IntStream.range(0, count)
                        .mapToObj(this::document)
                        .map(d -> com.verity.support.VerityApi.Upload.of(d.filename(), d.bytes()))
                        .toList();
        for (int from = 0; from < files.size(); from += 10) {
            for (java.util.Map<String, Object> entry :
                    api.accepted(
                            collection,
                            files.subList(from, Math.min(files.size(), from + 10))
                                    .toArray(com.verity.support.VerityApi.Upload[]::new))) {
                api.awaitStatus(
                        entry.get("id"),
                        java.util.Set.of("INDEXED"),
                        java.time.Duration.ofMinutes(5));
            }
        }
    }

    List<String> questions(int count, long questionSeed) {
        Random random = new Random(questionSeed);
        Set<String> questions = new LinkedHashSet<>();
        for (int attempt = 0; questions.size() < count && attempt < count * 50; attempt++) {
            Topic topic = pick(topics, random);
            String question = fill(pick(topic.questions(), random), topic, random);
            questions.add(fill(pick(QUESTION_FORMS, random).formatted(question), topic, random));
        }
        return List.copyOf(questions);
    }

    private Section section(SectionTemplate template, Topic topic, Random random) {
        List<String> paragraphs = new ArrayList<>();
        int count = 2 + random.nextInt(2);
        for (int i = 0; i < count; i++) {
            List<String> pool = new ArrayList<>(template.sentences());
            if (random.nextBoolean()) {
                pool.add(pick(general, random));
            }
            paragraphs.add(paragraph(pool, 3 + random.nextInt(3), topic, random));
        }
        List<String> bullets = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            List<String> shuffled = new ArrayList<>(template.sentences());
            Collections.shuffle(shuffled, random);
            shuffled.stream().limit(3).forEach(b -> bullets.add(fill(b, topic, random)));
        }
        return new Section(2, template.heading(), paragraphs, bullets);
    }

    private String paragraph(List<String> pool, int sentences, Topic topic, Random random) {
        List<String> shuffled = new ArrayList<>(pool);
        Collections.shuffle(shuffled, random);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(sentences, shuffled.size()); i++) {
            String sentence = fill(shuffled.get(i), topic, random);
            text.append(i == 0 ? "" : " ").append(sentence);
        }
        return text.toString();
    }

    private static String fill(String template, Topic topic, Random random) {
        String text = template;
        for (int depth = 0; depth < 4 && text.indexOf('{') >= 0; depth++) {
            Matcher slot = SLOT.matcher(text);
            StringBuilder out = new StringBuilder();
            while (slot.find()) {
                slot.appendReplacement(
                        out, Matcher.quoteReplacement(value(slot.group(1), topic, random)));
            }
            slot.appendTail(out);
            text = out.toString();
        }
        return text;
    }

    private static String value(String slot, Topic topic, Random random) {
        String[] alternatives = slot.split("\\|");
        if (alternatives.length > 1) {
            return alternatives[1 + random.nextInt(alternatives.length - 1)];
        }
        String name = Character.toLowerCase(slot.charAt(0)) + slot.substring(1);
        List<String> values = topic.slots().get(name);
        if (values == null) {
            throw new IllegalArgumentException("unknown slot {" + slot + "} in " + topic.key());
        }
        String value = pick(values, random);
        return Character.isUpperCase(slot.charAt(0))
                ? Character.toUpperCase(value.charAt(0)) + value.substring(1)
                : value;
    }

    private static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }
}
