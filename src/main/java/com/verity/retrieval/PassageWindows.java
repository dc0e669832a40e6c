package com.verity.retrieval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Widens each found passage with its neighbours in the same section, up to a length a person still
 * reads at a glance: the passage matched the question, the window around it usually holds the whole
 * answer. Windows are cut at passage boundaries, so they start and end on whole sentences, and
 * their offsets stay exact offsets into the document's extracted text. Two queries per search,
 * whatever the number of passages.
 */
@Component
class PassageWindows {

    private record Neighbour(long hit, int ordinal, int start, int end, String section) {}

    private record Span(int start, int end) {}

    /** How many passages on each side a window may take in. */
    private static final int REACH = 2;

    private final JdbcClient jdbc;

    PassageWindows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<RetrievedPassage> widen(List<RetrievedPassage> passages, int maxChars) {
        if (maxChars <= 0 || passages.isEmpty()) {
            return passages;
        }
        Map<Long, Map<Integer, Neighbour>> neighbours = neighbours(passages);
        List<Span> spans = new ArrayList<>(passages.size());
        for (RetrievedPassage passage : passages) {
            spans.add(
                    span(passage, neighbours.getOrDefault(passage.chunkId(), Map.of()), maxChars));
        }
        List<String> texts = texts(passages, spans);
        List<RetrievedPassage> widened = new ArrayList<>(passages.size());
        for (int i = 0; i < passages.size(); i++) {
            RetrievedPassage passage = passages.get(i);
            Span span = spans.get(i);
            String text = texts.get(i);
            widened.add(
                    text == null
                            ? passage
                            : new RetrievedPassage(
                                    passage.documentId(),
                                    passage.filename(),
                                    passage.title(),
                                    passage.chunkId(),
                                    text,
                                    passage.score(),
                                    passage.similarity(),
                                    span.start(),
                                    span.end(),
                                    passage.section(),
                                    passage.ordinal()));
        }
        return widened;
    }

    /** Grows the span one neighbour at a time, after then before, while it fits. */
    private static Span span(
            RetrievedPassage passage, Map<Integer, Neighbour> around, int maxChars) {
        int start = passage.start();
        int end = passage.end();
        int before = passage.ordinal() - 1;
        int after = passage.ordinal() + 1;
        boolean grew = true;
        while (grew) {
            grew = false;
            Neighbour next = around.get(after);
            if (sameSection(next, passage) && next.end() > end && next.end() - start <= maxChars) {
                end = next.end();
                after++;
                grew = true;
            }
            Neighbour previous = around.get(before);
            if (sameSection(previous, passage)
                    && previous.start() < start
                    && end - previous.start() <= maxChars) {
                start = previous.start();
                before--;
                grew = true;
            }
        }
        return new Span(start, end);
    }

    private static boolean sameSection(Neighbour neighbour, RetrievedPassage passage) {
        return neighbour != null && Objects.equals(neighbour.section(), passage.section());
    }

    /** Passages around each found one, in the same document and index generation. */
    private Map<Long, Map<Integer, Neighbour>> neighbours(List<RetrievedPassage> passages) {
        Map<Long, Map<Integer, Neighbour>> byHit = new HashMap<>();
        jdbc.sql(
                        """
                        select p.id, n.ordinal, n.start_offset, n.end_offset, n.section
                        from passage p join passage n
                          on n.document_id = p.document_id and n.generation_id = p.generation_id
                         and n.ordinal between p.ordinal - :reach and p.ordinal + :reach
                        where p.id = any(:ids)
                        """)
                .param("reach", REACH)
                .param("ids", passages.stream().map(RetrievedPassage::chunkId).toArray(Long[]::new))
                .query(
                        (rs, row) ->
                                new Neighbour(
                                        rs.getLong(1),
                                        rs.getInt(2),
                                        rs.getInt(3),
                                        rs.getInt(4),
                                        rs.getString(5)))
                .list()
                .forEach(
                        n ->
                                byHit.computeIfAbsent(n.hit(), id -> new HashMap<>())
                                        .put(n.ordinal(), n));
        return byHit;
    }

    /** The text of every span, in order; null where the document has no stored text. */
    private List<String> texts(List<RetrievedPassage> passages, List<Span> spans) {
        String[] texts = new String[passages.size()];
        jdbc.sql(
                        """
                        select w.i, substr(t.text, w.s + 1, w.e - w.s)
                        from unnest(cast(:documents as uuid[]), cast(:starts as int[]),
                                    cast(:ends as int[])) with ordinality as w(document, s, e, i)
                          join document_text t on t.document_id = w.document
                        """)
                .param(
                        "documents",
                        passages.stream()
                                .map(p -> p.documentId().toString())
                                .toArray(String[]::new))
                .param("starts", spans.stream().map(Span::start).toArray(Integer[]::new))
                .param("ends", spans.stream().map(Span::end).toArray(Integer[]::new))
                .query((rs, row) -> texts[rs.getInt(1) - 1] = rs.getString(2))
                .list();
        return java.util.Arrays.asList(texts);
    }
}
