package com.verity.assistant;

import com.verity.retrieval.RetrievedPassage;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place a turn's JSON columns (passages, citations, unsupported sentences) are written and
 * read back as typed values.
 */
@Component
class TurnJson {

    private static final TypeReference<List<RetrievedPassage>> PASSAGES = new TypeReference<>() {};
    private static final TypeReference<List<Citation>> CITATIONS = new TypeReference<>() {};
    private static final TypeReference<List<UnsupportedSentence>> UNSUPPORTED =
            new TypeReference<>() {};

    private final JsonMapper json;

    TurnJson(JsonMapper json) {
        this.json = json;
    }

    String write(List<?> values) {
        return json.writeValueAsString(values);
    }

    List<RetrievedPassage> passages(String column) {
        return json.readValue(column, PASSAGES);
    }

    List<Citation> citations(String column) {
        return json.readValue(column, CITATIONS);
    }

    List<UnsupportedSentence> unsupported(String column) {
        return json.readValue(column, UNSUPPORTED);
    }
}
