package com.verity.benchmark;

import com.pgvector.PGvector;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Grows one collection to a given number of passages without ingesting them: documents rows and
 * passage rows of the active index generation are inserted directly, with text from the corpus
 * generator (so the full-text side is realistic) and vectors from a {@link PassageVectors}: the
 * passages' own embeddings from {@link PassageVectorCache}, or blends of a few real ones from
 * {@link ReferenceVectors}. The HNSW and GIN indexes are maintained by the inserts, as in real
 * ingestion.
 */
final class LargeCollectionLoader {

    /** The documents the loader inserts are the corpus's, numbered from here. */
    static final int FIRST_DOCUMENT = 1_000_000;

    /** Where the vectors of a loaded document's passages come from. */
    interface PassageVectors {

        /**
         * @param index the document's number in the corpus
         * @param passages the first passages of the document, those loaded
         */
        List<float[]> of(int index, PolicyDocument document, List<PolicyDocument.Passage> passages);
    }

    private static final int DOCUMENTS_PER_TRANSACTION = 20;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final PolicyCorpus corpus;
    private final PassageVectors vectors;
    private final BenchmarkSettings settings;
    private final long collectionId;
    private final int generationId;
    private final AtomicInteger nextDocument = new AtomicInteger(FIRST_DOCUMENT);
    private final java.util.function.IntFunction<String[]> accessGroups;
    private int loaded;

    LargeCollectionLoader(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            PolicyCorpus corpus,
            PassageVectors vectors,
            BenchmarkSettings settings,
            long collectionId,
            int generationId) {
        this(
                jdbc,
                transactions,
                corpus,
                vectors,
                settings,
                collectionId,
                generationId,
                i -> new String[0]);
    }

    /**
     * Like the other, with each document's access groups chosen by its number (its passages take
     * them from it, as in ingestion).
     */
    LargeCollectionLoader(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            PolicyCorpus corpus,
            PassageVectors vectors,
            BenchmarkSettings settings,
            long collectionId,
            int generationId,
            java.util.function.IntFunction<String[]> accessGroups) {
        this.accessGroups = accessGroups;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.corpus = corpus;
        this.vectors = vectors;
        this.settings = settings;
        this.collectionId = collectionId;
        this.generationId = generationId;
    }

    /** Inserts passages until the collection holds {@code target}; returns the time it took. */
    Duration growTo(int target) throws Exception {
        AtomicInteger remaining = new AtomicInteger(target - loaded);
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(settings.loadThreads());
        try {
            List<Future<?>> loaders = new ArrayList<>();
            for (int i = 0; i < settings.loadThreads(); i++) {
                loaders.add(pool.submit(() -> load(remaining)));
            }
            for (Future<?> loader : loaders) {
                loader.get();
            }
        } finally {
            pool.shutdown();
        }
        loaded = target;
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void load(AtomicInteger remaining) {
        boolean more = true;
        while (more) {
            more =
                    Boolean.TRUE.equals(
                            transactions.execute(
                                    tx -> {
                                        for (int d = 0; d < DOCUMENTS_PER_TRANSACTION; d++) {
                                            if (!insertDocument(remaining)) {
                                                return false;
                                            }
                                        }
                                        return true;
                                    }));
        }
    }

    private boolean insertDocument(AtomicInteger remaining) {
        int index = nextDocument.getAndIncrement();
        PolicyDocument document = corpus.document(index);
        List<PolicyDocument.Passage> rows = document.passages();
        int take = reserve(remaining, rows.size());
        if (take == 0) {
            return false;
        }
        List<PolicyDocument.Passage> kept = rows.subList(0, take);
        byte[] bytes = document.bytes();
        UUID id = UUID.randomUUID();
        jdbc.update(
                """
                insert into document (id, collection_id, filename, title, content_type, size_bytes,
                                      sha256, status, chunk_count, indexed_at, access_groups)
                values (?, ?, ?, ?, ?, ?, ?, 'INDEXED', ?, now(), ?)
                """,
                id,
                collectionId,
                document.filename(),
                document.title(),
                document.contentType(),
                bytes.length,
                sha256(bytes),
                kept.size(),
                accessGroups.apply(index));
        List<float[]> vectorsOfKept = vectors.of(index, document, kept);
        int count = kept.size();
        Integer[] ordinals = new Integer[count];
        Integer[] starts = new Integer[count];
        Integer[] ends = new Integer[count];
        Integer[] tokens = new Integer[count];
        String[] sections = new String[count];
        String[] texts = new String[count];
        String[] headings = new String[count];
        String[] searchTexts = new String[count];
        String[] embeddings = new String[count];
        for (int ordinal = 0; ordinal < count; ordinal++) {
            PolicyDocument.Passage row = kept.get(ordinal);
            ordinals[ordinal] = ordinal;
            starts[ordinal] = row.offset();
            ends[ordinal] = row.offset() + row.text().length();
            sections[ordinal] = row.section();
            texts[ordinal] = row.text();
            headings[ordinal] =
                    row.section() == null
                            ? document.title()
                            : document.title() + "\n" + row.section();
            searchTexts[ordinal] = row.searchText();
            tokens[ordinal] = estimateTokens(row.searchText());
            embeddings[ordinal] = new PGvector(vectorsOfKept.get(ordinal)).toString();
        }
        // One statement per document, as PassageStore writes them: the full-text statistics are
        // appended per statement.
        jdbc.update(
                """
                insert into passage (document_id, collection_id, generation_id, ordinal,
                                     start_offset, end_offset, section, text, heading,
                                     search_text, token_count, embedding)
                select ?, ?, ?, c.o, c.s, c.e, c.section, c.text, c.heading, c.search_text, c.t,
                       cast(c.embedding as vector)
                from unnest(?::int[], ?::int[], ?::int[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::int[], ?::text[])
                       as c(o, s, e, section, text, heading, search_text, t, embedding)
                """,
                id,
                collectionId,
                generationId,
                ordinals,
                starts,
                ends,
                sections,
                texts,
                headings,
                searchTexts,
                tokens,
                embeddings);
        return take == rows.size();
    }

    private static int reserve(AtomicInteger remaining, int wanted) {
        while (true) {
            int left = remaining.get();
            int take = Math.min(left, wanted);
            if (take == 0 || remaining.compareAndSet(left, left - take)) {
                return take;
            }
        }
    }

    private static int estimateTokens(String text) {
        return text.split("\\s+").length * 4 / 3;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
