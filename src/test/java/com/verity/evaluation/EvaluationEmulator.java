package com.verity.evaluation;

import com.verity.support.OllamaEmulator;

/**
 * The two differently behaving emulated models of the evaluation tests, served on their own for a
 * demonstration or an evidence run against a running service (no Ollama or model weights needed):
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath
 * java -cp target/test-classes:target/classes:$(cat target/test.classpath) \
 *      com.verity.evaluation.EvaluationEmulator [POOR_MODEL_DELAY_MS]
 * </pre>
 *
 * It prints the address to set as {@code verity.assistant.ollama.base-url} and runs until killed.
 */
public final class EvaluationEmulator {

    private EvaluationEmulator() {}

    public static void main(String[] args) throws InterruptedException {
        long delay = args.length > 0 ? Long.parseLong(args[0]) : 0;
        OllamaEmulator ollama = OllamaEmulator.start();
        ollama.pulled(EvaluationFixtures.GOOD, EvaluationFixtures.POOR)
                .respondWith(EvaluationFixtures.twoModels(delay));
        System.out.println("OLLAMA_EMULATOR " + ollama.baseUrl());
        Thread.currentThread().join();
    }
}
