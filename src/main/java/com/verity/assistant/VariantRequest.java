package com.verity.assistant;

import java.util.Map;

/**
 * {@code POST /api/models/variants}: a new Ollama model made from a base model, as Ollama's create
 * API takes it.
 *
 * @param name the variant's name (e.g. {@code mistral-support:q4})
 * @param from the base model, pulled in Ollama
 * @param adapters LoRA adapters: file name to the digest of a blob already in Ollama ({@code
 *     sha256:<64 hex>}; docs/fine-tuning.md shows how to push one)
 * @param system a system prompt built into the variant
 * @param parameters Modelfile parameters (e.g. {@code {"num_ctx": 16384, "temperature": 0.2}})
 * @param quantize quantize a float16 base: {@code q4_K_M}, {@code q4_K_S} or {@code q8_0}
 */
public record VariantRequest(
        String name,
        String from,
        Map<String, String> adapters,
        String system,
        Map<String, Object> parameters,
        String quantize) {}
