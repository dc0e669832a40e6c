package com.verity.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Widens each found passage with its neighbours in the same section, up to a length a person still
 * reads at a glance: the passage matched the question, the window around it usually holds the whole
 * answer. Windows are cut at passage boundaries, so they start and end on whole sentences, and
 * their offsets stay exact offsets into the document's extracted text.
 */
@Component
class PassageWindows {

    private record Neighbour(int ordinal, int start, int end, String section) {}

    private static final int REACH = 2;

    private final JdbcClient jdbc;

    PassageWindows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<RetrievedPassage> widen(List<RetrievedPassage> passages, int maxChars) {
        if (maxChars <= 0) {
            return passages;
        }
        List<RetrievedPassage> widened = new ArrayList<>(passages.size());
        for (RetrievedPassage passage : passages) {
            widened.add(widen(passage, maxChars));
        }
        return widened;
    }

    private RetrievedPassage widen(RetrievedPassage passage, int maxChars) {
        List<Neighbour> neighbours = neighbours(passage);
        int start = passage.start();
        int end = passage.end();
        int before = passage.ordinal() - 1;
        int after = passage.ordinal() + 1;
        boolean grew = true;
        while (grew) {
            grew = false;
            Neighbour next = find(neighbours, after);
            if (next != null && next.end() > end && next.end() - start <= maxChars) {
                end = next.end();
                after++;
                grew = true;
            }
            Neighbour previous = find(neighbours, before);
            if (previous != null
                    && previous.start() < start
                    && end - previous.start() <= maxChars) {
                start = previous.start();
                before--;
                grew = true;
            }
        }
        if (start == passage.start() && end == passage.end()) {
            return passage;
        }
        String text =
                jdbc.sql(
                                """
                                select substr(text, :from, :length) from document_text
                                where document_id = :document
                                """)
                        .param("from", start + 1)
                        .param("length", end - start)
                        .param("document", passage.documentId())
                        .query(String.class)
                        .optional()
                        .orElse(null);
        if (text == null) {
            return passage;
        }
        return new RetrievedPassage(
                passage.documentId(),
                passage.filename(),
                passage.title(),
                passage.chunkId(),
                text,
                passage.score(),
                passage.similarity(),
                start,
                end,
                passage.section(),
                passage.ordinal());
    }

    private Neighbour find(List<Neighbour> neighbours, int ordinal) {
        return neighbours.stream().filter(n -> n.ordinal() == ordinal).findFirst().orElse(null);
    }

    /** Passages around this one, in the same section of the same document and generation. */
    private List<Neighbour> neighbours(RetrievedPassage passage) {
        return jdbc
                .sql(
                        """
                        select n.ordinal, n.start_offset, n.end_offset, n.section
                        from passage p join passage n
                          on n.document_id = p.document_id and n.generation_id = p.generation_id
                         and n.ordinal between p.ordinal - :reach and p.ordinal + :reach
                        where p.id = :id
                        """)
                .param("reach", REACH)
                .param("id", passage.chunkId())
                .query(
                        (rs, row) ->
                                new Neighbour(
                                        rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getString(4)))
                .list()
                .stream()
                .filter(n -> Objects.equals(n.section(), passage.section()))
                .sorted(Comparator.comparingInt(Neighbour::ordinal))
                .toList();
    }
}
