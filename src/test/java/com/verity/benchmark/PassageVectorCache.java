package com.verity.benchmark;

import com.verity.embedding.Embedder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real embeddings of the large collection's passages (their search texts, by the service's own
 * {@link Embedder}), computed once per machine and kept in a file, so a benchmark of 100k passages
 * searches what the model makes of realistic text without an hour of embedding per run.
 *
 * <p>The file holds one record per corpus document, in the loader's order from {@link
 * LargeCollectionLoader#FIRST_DOCUMENT}: its number, its passage count, a hash of its passages'
 * search texts and their vectors. A record that does not match the corpus of this run (another
 * generator, seed or model) ends what is used, and the file is cut there; so is a record left half
 * written by an interrupted run.
 */
final class PassageVectorCache implements LargeCollectionLoader.PassageVectors {

    private static final int BATCH = 256;

    /** What {@link #prepare} found and had to do. */
    record Preparation(Path file, int cachedPassages, int embeddedPassages, Duration embedding) {}

    private final Embedder embedder;
    private final PolicyCorpus corpus;
    private final Path file;
    private final Map<Integer, List<float[]>> byDocument = new HashMap<>();
    private int nextDocument = LargeCollectionLoader.FIRST_DOCUMENT;
    private int passages;

    private PassageVectorCache(Embedder embedder, PolicyCorpus corpus, Path file) {
        this.embedder = embedder;
        this.corpus = corpus;
        this.file = file;
    }

    /**
     * Reads what the file holds for this corpus and model, then embeds documents until it holds at
     * least {@code passages}.
     */
    static PassageVectorCache open(
            Embedder embedder, PolicyCorpus corpus, long seed, Path directory) {
        String model = embedder.modelId().replaceAll("[^A-Za-z0-9._-]", "_");
        Path file =
                directory.resolve(
                        "%s-%d-seed%d.vectors".formatted(model, embedder.dimension(), seed));
        PassageVectorCache cache = new PassageVectorCache(embedder, corpus, file);
        cache.read();
        return cache;
    }

    Preparation prepare(int wanted) {
        int cached = passages;
        long started = System.nanoTime();
        embedUntil(wanted);
        return new Preparation(
                file, cached, passages - cached, Duration.ofNanos(System.nanoTime() - started));
    }

    @Override
    public synchronized List<float[]> of(
            int index, PolicyDocument document, List<PolicyDocument.Passage> loaded) {
        while (!byDocument.containsKey(index)) {
            // the loader went a few documents past what was prepared (each of its connections
            // stops on a document of its own)
            embedUntil(passages + 1);
        }
        List<float[]> vectors = byDocument.get(index);
        if (vectors.size() < loaded.size()) {
            throw new IllegalStateException(
                    "document %d has %d cached vectors, %d passages"
                            .formatted(index, vectors.size(), loaded.size()));
        }
        return vectors.subList(0, loaded.size());
    }

    private void read() {
        if (!Files.exists(file)) {
            return;
        }
        long valid = 0;
        try (var in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            while (true) {
                int index = in.readInt();
                int count = in.readInt();
                int hash = in.readInt();
                List<PolicyDocument.Passage> rows = corpus.document(index).passages();
                if (index != nextDocument || count != rows.size() || hash != hash(rows)) {
                    break;
                }
                List<float[]> vectors = new ArrayList<>(count);
                for (int p = 0; p < count; p++) {
                    float[] vector = new float[embedder.dimension()];
                    for (int i = 0; i < vector.length; i++) {
                        vector[i] = in.readFloat();
                    }
                    vectors.add(vector);
                }
                add(index, vectors);
                valid += 12L + 4L * count * embedder.dimension();
            }
        } catch (EOFException endOrHalfWritten) {
            // the records read whole are kept
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(valid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void embedUntil(int wanted) {
        if (passages >= wanted) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream raw =
                            Files.newOutputStream(
                                    file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    var out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 20))) {
                while (passages < wanted) {
                    List<Integer> indexes = new ArrayList<>();
                    List<String> texts = new ArrayList<>();
                    for (int next = nextDocument + indexes.size();
                            texts.size() < BATCH && passages + texts.size() < wanted;
                            next++) {
                        indexes.add(next);
                        corpus.document(next).passages().forEach(p -> texts.add(p.searchText()));
                    }
                    List<float[]> vectors = embedder.embedPassages(texts);
                    int at = 0;
                    for (int index : indexes) {
                        List<PolicyDocument.Passage> rows = corpus.document(index).passages();
                        List<float[]> own = vectors.subList(at, at + rows.size());
                        at += rows.size();
                        out.writeInt(index);
                        out.writeInt(rows.size());
                        out.writeInt(hash(rows));
                        for (float[] vector : own) {
                            for (float component : vector) {
                                out.writeFloat(component);
                            }
                        }
                        add(index, new ArrayList<>(own));
                    }
                    out.flush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(int index, List<float[]> vectors) {
        byDocument.put(index, vectors);
        passages += vectors.size();
        nextDocument = index + 1;
    }

    private static int hash(List<PolicyDocument.Passage> rows) {
        return rows.stream().map(PolicyDocument.Passage::searchText).toList().hashCode();
    }
}
