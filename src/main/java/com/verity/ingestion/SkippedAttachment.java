package com.verity.ingestion;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An attachment or embedded file that is not in a document's text, and why.
 *
 * @param name its file name inside the document, as the document gives it
 * @param reason why it was skipped, in plain words
 */
public record SkippedAttachment(String name, String reason) implements java.io.Serializable {

    private static final int MAX_LENGTH = 300;

    /**
     * The skipped attachments as the jsonb array stored in {@code document.skipped_attachments},
     * from the parameters {@code skippedNames} and {@code skippedReasons} ({@link #bind}).
     */
    static final String AS_JSONB =
            """
            (select coalesce(jsonb_agg(jsonb_build_object('name', n, 'reason', r) order by o),
                             '[]'::jsonb)
             from unnest(cast(:skippedNames as text[]), cast(:skippedReasons as text[]))
                    with ordinality as u(n, r, o))""";

    /** The stored array read back as two parallel arrays, names and reasons. */
    static final String NAMES_AND_REASONS =
            """
            array(select e->>'name' from jsonb_array_elements(d.skipped_attachments)
                    with ordinality as a(e, o) order by o) as skipped_names,
            array(select e->>'reason' from jsonb_array_elements(d.skipped_attachments)
                    with ordinality as a(e, o) order by o) as skipped_reasons""";

    static JdbcClient.StatementSpec bind(
            JdbcClient.StatementSpec statement, List<SkippedAttachment> skipped) {
        return statement
                .param(
                        "skippedNames",
                        skipped.stream().map(SkippedAttachment::name).toArray(String[]::new))
                .param(
                        "skippedReasons",
                        skipped.stream().map(SkippedAttachment::reason).toArray(String[]::new));
    }

    static List<SkippedAttachment> read(ResultSet rs) throws SQLException {
        String[] names = (String[]) rs.getArray("skipped_names").getArray();
        String[] reasons = (String[]) rs.getArray("skipped_reasons").getArray();
        List<SkippedAttachment> skipped = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            skipped.add(new SkippedAttachment(names[i], reasons[i]));
        }
        return List.copyOf(skipped);
    }

    static String clip(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "…";
    }
}
