package com.verity.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.IntegrationTest;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Upload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * German, French and English policies in one collection: each document's language is detected and
 * its passages are stemmed in that language, and a question is read in every language of the
 * collection, so a German or French question that matches its document only after stemming in its
 * own language finds that document first, with the default (English-only) embedding model, and
 * English questions still work beside them.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultilingualSearchTest {

    /** Policies by file name; questions below name words only in other inflections. */
    private static final Map<String, String> POLICIES = new LinkedHashMap<>();

    static {
        policy(
                "kuendigung.txt",
                "Kündigung",
                "Die Kündigungsfrist beträgt drei Monate zum"
                        + " Monatsende. Eine Kündigung bedarf der Schriftform.");
        policy(
                "urlaub.txt",
                "Urlaub",
                "Der Urlaubsanspruch beträgt dreißig Arbeitstage im" + " Kalenderjahr.");
        policy(
                "reisekosten.txt",
                "Reisekosten",
                "Reisekosten werden nur gegen Vorlage von" + " Originalbelegen erstattet.");
        policy(
                "krankheit.txt",
                "Krankheit",
                "Eine Arbeitsunfähigkeitsbescheinigung ist ab dem"
                        + " dritten Krankheitstag vorzulegen.");
        policy(
                "elternzeit.txt",
                "Elternzeit",
                "Elternzeit kann bis zum achten Geburtstag des" + " Kindes genommen werden.");
        policy(
                "fahrzeuge.txt",
                "Fahrzeuge",
                "Dienstwagen dürfen nach Genehmigung auch privat" + " gefahren werden.");
        policy(
                "conges.txt",
                "Congés",
                "Chaque salarié bénéficie de vingt-cinq jours de congé payé" + " par an.");
        policy(
                "teletravail.txt",
                "Télétravail",
                "Les salariés peuvent télétravailler deux jours"
                        + " par semaine avec l'accord de leur responsable.");
        policy(
                "deplacements.txt",
                "Déplacements",
                "Les frais de déplacement sont remboursés sur"
                        + " présentation des justificatifs originaux.");
        policy(
                "maladie.txt",
                "Maladie",
                "En cas de maladie, le salarié prévient son responsable"
                        + " et transmet l'arrêt de travail sous quarante-huit heures.");
        policy(
                "essai.txt",
                "Période d'essai",
                "La période d'essai dure quatre mois pour les"
                        + " cadres et peut être renouvelée une fois.");
        policy(
                "demission.txt",
                "Démission",
                "Un salarié qui démissionne respecte un préavis d'un" + " mois.");
        policy(
                "parking.txt",
                "Parking",
                "Parking permits are issued by the facilities team. A"
                        + " permit is valid for one year and must be displayed behind the windscreen.");
        policy(
                "expenses.txt",
                "Expenses",
                "Travel expenses are reimbursed when the original"
                        + " receipts are submitted within one month of the trip.");
        policy(
                "leave.txt",
                "Annual leave",
                "Employees receive thirty days of annual leave per"
                        + " calendar year, requested through the staff portal.");
    }

    private static void policy(String filename, String heading, String text) {
        POLICIES.put(filename, heading + "\n\n" + text);
    }

    /**
     * German and French questions that share no word form with their document: they match it only
     * through their language's stems (Kündigungsfristen / Kündigungsfrist, remboursement /
     * remboursés). Function words are their language's stop words.
     */
    private static final Map<String, String> STEM_QUESTIONS = new LinkedHashMap<>();

    static {
        STEM_QUESTIONS.put("Welche Kündigungsfristen haben wir?", "kuendigung.txt");
        STEM_QUESTIONS.put("Wie hoch sind unsere Urlaubsansprüche?", "urlaub.txt");
        STEM_QUESTIONS.put("Reicht ein Originalbeleg zur Erstattung?", "reisekosten.txt");
        STEM_QUESTIONS.put(
                "Ab wann brauche ich Arbeitsunfähigkeitsbescheinigungen?", "krankheit.txt");
        STEM_QUESTIONS.put("Wie lange gibt es Elternzeiten?", "elternzeit.txt");
        STEM_QUESTIONS.put("Welche Regeln gelten für Dienstwägen?", "fahrzeuge.txt");
        STEM_QUESTIONS.put("Qui autorise qu'on télétravaille?", "teletravail.txt");
        STEM_QUESTIONS.put("Comment se fait le remboursement?", "deplacements.txt");
        STEM_QUESTIONS.put("Que dois-je faire quand je suis malade?", "maladie.txt");
        STEM_QUESTIONS.put("Peut-on la renouveler?", "essai.txt");
        STEM_QUESTIONS.put("Combien de temps avant si je démissionnais?", "demission.txt");
    }

    /** Every question of the set and the document that answers it. */
    private static final Map<String, String> QUESTIONS = new LinkedHashMap<>(STEM_QUESTIONS);

    static {
        QUESTIONS.put("Combien de congés payés ai-je?", "conges.txt");
        QUESTIONS.put("How long is a parking permit valid?", "parking.txt");
        QUESTIONS.put("How do I get my travel expenses reimbursed?", "expenses.txt");
        QUESTIONS.put("How many days of annual leave do I get?", "leave.txt");
    }

    @Autowired HybridSearch search;
    @Autowired com.verity.embedding.Embedder embedder;
    @Autowired com.verity.collection.CollectionCatalog collections;
    @Autowired com.verity.ingestion.PassageIndex index;

    @Autowired VerityApi api;

    private String collection;
    private final Map<String, Map<String, Object>> documents = new LinkedHashMap<>();

    @BeforeAll
    void indexPolicies() {
        collection = api.newCollection("multilingual");
        List<Upload> files = new ArrayList<>();
        POLICIES.forEach(
                (name, text) ->
                        files.add(
                                new Upload(
                                        name,
                                        text.getBytes(StandardCharsets.UTF_8),
                                        "text/plain")));
        for (Map<String, Object> accepted :
                api.accepted(collection, files.toArray(Upload[]::new))) {
            Map<String, Object> settled = api.awaitSettled(accepted.get("id"));
            assertThat(settled).containsEntry("status", "INDEXED");
            documents.put((String) settled.get("filename"), settled);
        }
    }

    @Test
    void eachDocumentsLanguageIsDetectedAndShown() {
        assertThat(documents.get("kuendigung.txt")).containsEntry("language", "de");
        assertThat(documents.get("urlaub.txt")).containsEntry("language", "de");
        assertThat(documents.get("conges.txt")).containsEntry("language", "fr");
        assertThat(documents.get("essai.txt")).containsEntry("language", "fr");
        assertThat(documents.get("parking.txt")).containsEntry("language", "en");
    }

    @Test
    void aQuestionMatchingOnlyThroughItsLanguagesStemsFindsItsDocumentFirstOnTheKeywordSide() {
        long collectionId = collections.requireId(collection);
        int generation = index.serving(collectionId).id();
        STEM_QUESTIONS.forEach(
                (question, expected) -> {
                    List<RetrievedPassage> ranked =
                            KeywordSide.top10(
                                    search,
                                    embedder,
                                    collectionId,
                                    generation,
                                    question,
                                    500,
                                    1000);
                    assertThat(ranked)
                            .as("keyword matches of '%s'", question)
                            .isNotEmpty()
                            .first()
                            .satisfies(first -> assertThat(first.filename()).isEqualTo(expected));
                });
    }

    @Test
    void questionsFindTheirDocumentFirstInTheirOwnLanguage() {
        Map<String, String> misses = new LinkedHashMap<>();
        QUESTIONS.forEach(
                (question, expected) -> {
                    List<Map<String, Object>> results = api.search(collection, question, 5);
                    String first =
                            results.isEmpty() ? "nothing" : (String) results.get(0).get("filename");
                    if (!first.equals(expected)) {
                        misses.put(question, first);
                    }
                });
        assertThat(misses).as("questions whose first result is another document").isEmpty();
    }

    @Test
    void aLanguageChosenAtUploadOverridesDetectionAndAnUnknownOneIsRefused() {
        String chosen = api.newCollection("chosen-language");
        Object id =
                ((List<?>)
                                api.upload(
                                                chosen,
                                                Map.of("language", "FR"),
                                                new Upload(
                                                        "notice.txt",
                                                        "Parking permits are renewed every year."
                                                                .getBytes(StandardCharsets.UTF_8),
                                                        "text/plain"))
                                        .body())
                        .stream()
                                .map(entry -> ((Map<?, ?>) entry).get("id"))
                                .findFirst()
                                .orElseThrow();
        assertThat(api.awaitSettled(id)).containsEntry("language", "fr");

        VerityApi.Reply<Object> refused =
                api.upload(
                        chosen,
                        Map.of("language", "klingon"),
                        new Upload(
                                "other.txt",
                                "Badges are returned at reception."
                                        .getBytes(StandardCharsets.UTF_8),
                                "text/plain"));
        assertThat(refused.status().value()).isEqualTo(400);
        assertThat(String.valueOf(refused.body())).contains("ISO 639-1", "de", "fr");
    }
}
