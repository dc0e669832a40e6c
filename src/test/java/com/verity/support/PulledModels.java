package com.verity.support;

import static com.verity.support.OllamaEmulator.object;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The models the emulated Ollama has, described as {@code /api/tags}, {@code /api/show} and {@code
 * /api/ps} do: each with its family, parameter size, quantization, context length and size.
 */
record PulledModels(List<Model> models) {

    /**
     * One model as Ollama describes it.
     *
     * @param parent the model it was created from ({@code details.parent_model}), or empty
     */
    record Model(
            String name,
            String family,
            String parameterSize,
            String quantizationLevel,
            int contextLength,
            long size,
            String parent) {

        /** A model as a pull from the registry brings it: facts read from its name. */
        static Model pulled(String name) {
            String fullName = fullName(name);
            boolean llama = fullName.startsWith("llama");
            return new Model(
                    fullName,
                    "llama",
                    PulledModels.parameterSize(fullName),
                    PulledModels.quantization(fullName),
                    llama ? 131_072 : 32_768,
                    llama ? 4_920_753_328L : 4_372_824_384L,
                    "");
        }

        Model named(String newName, String quantization, String parentName) {
            return new Model(
                    fullName(newName),
                    family,
                    parameterSize,
                    quantization == null
                            ? quantizationLevel
                            : quantization.toUpperCase(Locale.ROOT),
                    contextLength,
                    size,
                    parentName);
        }
    }

    // Nine digits of nanoseconds, as Go writes them; LangChain4j's date parser needs them unique.
    private static final String MODIFIED_AT = "2025-09-18T14:03:27.512473881+02:00";
    private static final String EXPIRES_AT = "2099-01-01T00:00:00.123456789Z";
    private static final Pattern SIZE_TAG = Pattern.compile(":(\\d+(?:\\.\\d+)?)b");
    private static final Pattern QUANT_TAG = Pattern.compile("(q\\d_[0-9a-z_]+|f16|fp16)$");
    private static final String TEMPLATE =
            "{{- range .Messages }}[INST] {{ .Content }} [/INST]{{ end }}";

    // after the patterns, which describing a model reads
    static final PulledModels DEFAULT = of("mistral:latest", "llama3.1:8b");

    static PulledModels of(String... names) {
        return new PulledModels(Stream.of(names).map(Model::pulled).toList());
    }

    /** A name as Ollama reads it: without a tag it means {@code :latest}. */
    static String fullName(String name) {
        String last = name.substring(name.lastIndexOf('/') + 1);
        return last.contains(":") ? name : name + ":latest";
    }

    boolean has(String name) {
        return find(name).isPresent();
    }

    Optional<Model> find(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String wanted = fullName(name);
        return models.stream().filter(m -> m.name().equals(wanted)).findFirst();
    }

    /** These models with {@code model} added, or replacing one of its name. */
    PulledModels with(Model model) {
        List<Model> changed = new ArrayList<>(without(model.name()).models());
        changed.add(model);
        return new PulledModels(List.copyOf(changed));
    }

    PulledModels without(String name) {
        String gone = fullName(name);
        return new PulledModels(models.stream().filter(m -> !m.name().equals(gone)).toList());
    }

    List<String> names() {
        return models.stream().map(Model::name).toList();
    }

    Map<String, Object> tags() {
        return object(
                "models",
                models.stream()
                        .map(
                                m ->
                                        object(
                                                "name", m.name(),
                                                "model", m.name(),
                                                "modified_at", MODIFIED_AT,
                                                "size", m.size(),
                                                "digest", digest(m.name()),
                                                "details", details(m)))
                        .toList());
    }

    /** {@code /api/ps}: the loaded ones among {@code loaded}. */
    Map<String, Object> running(List<String> loaded) {
        return object(
                "models",
                models.stream()
                        .filter(m -> loaded.contains(m.name()))
                        .map(
                                m ->
                                        object(
                                                "name", m.name(),
                                                "model", m.name(),
                                                "size", m.size() + 1_200_000_000L,
                                                "digest", digest(m.name()),
                                                "details", details(m),
                                                "expires_at", EXPIRES_AT,
                                                "size_vram", m.size() + 1_200_000_000L))
                        .toList());
    }

    Map<String, Object> show(String name) {
        Model m = find(name).orElseThrow();
        return object(
                "modelfile",
                "# Modelfile generated by \"ollama show\"\n# FROM "
                        + m.name()
                        + "\n\nFROM /root/.ollama/models/blobs/sha256-"
                        + digest(m.name())
                        + "\nTEMPLATE \"\"\""
                        + TEMPLATE
                        + "\"\"\"\nPARAMETER stop [INST]\nPARAMETER stop [/INST]\n",
                "parameters",
                "stop                           \"[INST]\"\nstop                           \"[/INST]\"",
                "template",
                TEMPLATE,
                "details",
                details(m),
                "model_info",
                object(
                        "general.architecture",
                        m.family(),
                        "general.parameter_count",
                        7_248_023_552L,
                        m.family() + ".context_length",
                        m.contextLength(),
                        m.family() + ".embedding_length",
                        4096),
                "capabilities",
                List.of("completion", "tools"),
                "modified_at",
                MODIFIED_AT);
    }

    private static Map<String, Object> details(Model m) {
        return object(
                "parent_model", m.parent(),
                "format", "gguf",
                "family", m.family(),
                "families", List.of(m.family()),
                "parameter_size", m.parameterSize(),
                "quantization_level", m.quantizationLevel());
    }

    private static String parameterSize(String name) {
        Matcher tag = SIZE_TAG.matcher(name);
        return tag.find()
                ? String.format(Locale.ROOT, "%.1fB", Double.parseDouble(tag.group(1)))
                : "7.2B";
    }

    private static String quantization(String name) {
        Matcher tag = QUANT_TAG.matcher(name.toLowerCase(Locale.ROOT));
        if (!tag.find()) {
            return "Q4_K_M";
        }
        String level = tag.group(1);
        return level.startsWith("f") ? "F16" : level.toUpperCase(Locale.ROOT);
    }

    static String digest(String name) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256")
                            .digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
