package com.verity.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;

/**
 * One of LangChain4j's bundled ONNX models (bge-small, all-MiniLM), loaded from its jar with our
 * own ONNX Runtime session options.
 *
 * <p>Why not LangChain4j's model classes as they are: they open the session with ONNX Runtime's
 * defaults, whose intra-op thread pool (one thread per core, spinning while it waits) fights the
 * executor that already embeds one passage per core side by side. On 2 cores that cut the raw
 * throughput of bge-small from about 55 to about 33 passages per second. LangChain4j takes a
 * ready-made session through {@link OnnxBertBiEncoder}'s public constructor, so only the session
 * set-up lives here; tokenising, pooling and batching stay LangChain4j's.
 */
final class InProcessEmbeddingModel extends AbstractInProcessEmbeddingModel {

    /** The model and tokenizer files at the root of a LangChain4j embeddings jar. */
    record Bundled(String modelResource, String tokenizerResource, PoolingMode pooling) {

        static final Bundled BGE_SMALL_EN_V15_Q =
                new Bundled(
                        "bge-small-en-v1.5-q.onnx",
                        "bge-small-en-v1.5-q-tokenizer.json",
                        PoolingMode.CLS);

        static final Bundled ALL_MINILM_L6_V2_Q =
                new Bundled(
                        "all-minilm-l6-v2-q.onnx",
                        "all-minilm-l6-v2-q-tokenizer.json",
                        PoolingMode.MEAN);
    }

    private final OnnxBertBiEncoder encoder;

    /**
     * @param encoder a loaded model ({@link #load}); one may serve several executors
     * @param executor runs the passages of one call side by side
     */
    InProcessEmbeddingModel(OnnxBertBiEncoder encoder, Executor executor) {
        super(executor);
        this.encoder = encoder;
    }

    /**
     * @param threadsPerCall threads ONNX Runtime uses inside one embedding call; 1 when the
     *     executor already runs one call per core
     */
    static OnnxBertBiEncoder load(Bundled bundled, int threadsPerCall) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                InputStream tokenizer = resource(bundled.tokenizerResource())) {
            options.setIntraOpNumThreads(threadsPerCall);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session =
                    environment.createSession(readAll(bundled.modelResource()), options);
            return new OnnxBertBiEncoder(environment, session, tokenizer, bundled.pooling());
        } catch (OrtException | IOException e) {
            throw new IllegalStateException(
                    "Cannot load the embedding model " + bundled.modelResource() + ": " + e, e);
        }
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    private static byte[] readAll(String name) {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = InProcessEmbeddingModel.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(
                    name
                            + " is not on the class path: the LangChain4j embeddings jar of this model"
                            + " is missing from the build");
        }
        return in;
    }
}
