package com.verity.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PolicyCorpusTest {

    private final PolicyCorpus corpus = PolicyCorpus.load(7);

    @Test
    void sameSeedAndIndexAlwaysGiveTheSameDocument() {
        assertThat(PolicyCorpus.load(7).document(42).render())
                .isEqualTo(corpus.document(42).render());
        assertThat(PolicyCorpus.load(8).document(42).render())
                .isNotEqualTo(corpus.document(42).render());
    }

    @Test
    void documentsAreMarkdownOrPlainTextWithHeadingsAndParagraphs() {
        List<PolicyDocument> documents = IntStream.range(0, 30).mapToObj(corpus::document).toList();

        assertThat(documents)
                .extracting(PolicyDocument::contentType)
                .contains(PolicyDocument.MARKDOWN, PolicyDocument.PLAIN_TEXT);
        assertThat(documents)
                .map(PolicyDocument::render)
                .doesNotHaveDuplicates()
                .allSatisfy(text -> assertThat(text).doesNotContain("{", "}"));
        PolicyDocument markdown = documents.get(0);
        assertThat(markdown.render()).startsWith("# " + markdown.title()).contains("\n## Scope\n");
        assertThat(markdown.render().split("\\s+").length).isBetween(300, 3000);
    }

    @Test
    void questionsAreDistinctAndFilledIn() {
        List<String> questions = corpus.questions(200, 1);

        assertThat(questions)
                .hasSize(200)
                .doesNotHaveDuplicates()
                .allSatisfy(q -> assertThat(q).doesNotContain("{", "}").hasSizeGreaterThan(10));
    }

    @Test
    void documentsAreCutIntoPassagesOfChunkerSizeThatCoverTheirSections() {
        PolicyDocument document = corpus.document(3);

        List<PolicyDocument.Passage> passages = document.passages();

        assertThat(passages)
                .hasSizeGreaterThan(2)
                .allSatisfy(
                        passage -> {
                            assertThat(passage.text().split("\\s+").length).isBetween(10, 260);
                            assertThat(passage.searchText())
                                    .startsWith(document.title() + "\n" + passage.section());
                        });
        assertThat(passages.stream().map(PolicyDocument.Passage::text))
                .anySatisfy(
                        text -> assertThat(text).contains(document.sections().get(1).heading()));
    }
}
