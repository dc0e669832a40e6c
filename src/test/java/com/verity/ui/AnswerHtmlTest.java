package com.verity.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.assistant.Citation;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AnswerHtmlTest {

    private final AnswerHtml html = new AnswerHtml();
    private final Citation refunds =
            new Citation(1, UUID.randomUUID(), "refunds<x>.pdf", "Refunds", 7L, "quote", 10, 20);

    @Test
    void rawHtmlFromTheModelIsShownAsTextNeverRun() {
        String rendered =
                html.render("<script>alert(1)</script> <img src=x onerror=alert(2)> Hi", List.of());

        assertThat(rendered).doesNotContain("<script").doesNotContain("<img");
        assertThat(rendered).contains("&lt;script&gt;");
    }

    @Test
    void markdownImagesBecomeTheirAltTextAndScriptLinksAreDefused() {
        String rendered =
                html.render(
                        "![tracking pixel](https://evil.example/p.png) [click](javascript:alert(1))",
                        List.of());

        assertThat(rendered).doesNotContain("<img").contains("tracking pixel");
        assertThat(rendered).doesNotContain("javascript:");
    }

    @Test
    void citationMarkersBecomeButtonsThatOpenThePassage() {
        String rendered = html.render("Refunds take **14 days** [1][9].", List.of(refunds));

        assertThat(rendered).contains("<strong>14 days</strong>");
        assertThat(rendered)
                .contains("class=\"chip\" data-n=\"1\"")
                .contains("title=\"refunds&lt;x&gt;.pdf\"")
                .contains(
                        "hx-get=\"/ui/sources?document="
                                + refunds.documentId()
                                + "&amp;start=10&amp;end=20\"");
        assertThat(rendered).doesNotContain("[9]").doesNotContain("data-n=\"9\"");
    }
}
