package com.verity.ui;

import com.verity.assistant.Answer;
import com.verity.retrieval.RetrievedPassage;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/** Renders template fragments to strings for the events of a streamed answer. */
@Component
class FragmentRenderer {

    private final TemplateEngine templates;

    FragmentRenderer(TemplateEngine templates) {
        this.templates = templates;
    }

    String passages(List<RetrievedPassage> passages) {
        return render("passages", Map.of("passages", passages));
    }

    String answer(Answer answer, String answerHtml) {
        return render("answer", Map.of("answer", answer, "answerHtml", answerHtml));
    }

    String problem(String message) {
        return render("problem", Map.of("message", message));
    }

    private String render(String fragment, Map<String, Object> variables) {
        Context context = new Context();
        context.setVariables(variables);
        return templates.process("fragments", java.util.Set.of(fragment), context);
    }
}
