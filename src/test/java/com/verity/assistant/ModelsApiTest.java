package com.verity.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.IntegrationTest;
import com.verity.support.OllamaEmulator;
import com.verity.support.OpenAiEmulator;
import com.verity.support.TestAccounts;
import com.verity.support.VerityApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Managing models over {@code /api/models} against the Ollama emulator and an OpenAI-compatible
 * stand-in: what each backend says of its models, profiles sent with every request, a second
 * backend answering, pulls and variants as jobs with progress, deleting, and who may do it.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelsApiTest {

    static final OllamaEmulator ollama = OllamaEmulator.start();
    static final OpenAiEmulator vllm = OpenAiEmulator.start();
    static final String SERVED = "meta-llama/Llama-3.1-8B-Instruct";
    static final String VLLM_MODEL = "vllm/" + SERVED;
    static final String DIGEST = "sha256:" + "ab12".repeat(16);

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("verity.assistant.ollama.base-url", ollama::baseUrl);
        registry.add("verity.assistant.backends.vllm.base-url", vllm::baseUrl);
        registry.add("verity.assistant.ollama.pull-idle-timeout", () -> "2s");
    }

    @Autowired VerityApi api;
    @Autowired JdbcClient jdbc;
    String collection;
    VerityApi agent;

    @BeforeAll
    void collectionWithAPolicy() {
        ollama.pulled("mistral", "llama3.1:8b");
        vllm.serving(SERVED);
        collection = api.newCollection("models");
        api.indexed(
                collection,
                Map.of(
                        "refunds.txt",
                        "Refunds are paid back to the original card within 14 days of the return."));
        agent = TestAccounts.create(api, "models-agent", List.of("AGENT"), List.of()).api();
    }

    @AfterAll
    void forgetTheModelsThisTestAdded() {
        jdbc.sql("delete from model where name not in ('mistral', 'llama3.1:8b')").update();
        jdbc.sql("update model set allowed = true, profile = '{}' where name = 'llama3.1:8b'")
                .update();
        ollama.close();
        vllm.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachModelShowsWhatItsBackendSaysOfIt() {
        ollama.unload();
        Map<String, Object> mistral = model(api, "mistral");
        assertThat(mistral)
                .containsEntry("backend", "ollama")
                .containsEntry("pulled", true)
                .containsEntry("allowed", true)
                .containsEntry("family", "llama")
                .containsEntry("parameterSize", "7.2B")
                .containsEntry("quantizationLevel", "Q4_K_M")
                .containsEntry("contextLength", 32768)
                .containsEntry("loaded", false);
        assertThat(((Number) mistral.get("sizeBytes")).longValue()).isPositive();
        assertThat((Map<String, Object>) mistral.get("profile"))
                .containsEntry("num_ctx", 8192)
                .containsEntry("num_predict", 512);
        assertThat(model(api, "llama3.1:8b")).containsEntry("contextLength", 131072);

        assertThat(ask(agent, "mistral")).containsEntry("mode", "ANSWERED");
        assertThat(model(api, "mistral")).containsEntry("loaded", true);

        // a backend's model that is not allowed: admins see it, agents do not
        assertThat(model(api, VLLM_MODEL))
                .containsEntry("backend", "vllm")
                .containsEntry("pulled", true)
                .containsEntry("allowed", false);
        assertThat(names(agent)).doesNotContain(VLLM_MODEL);
        Map<String, Object> status = api.get("/api/models").body();
        assertThat((List<Map<String, Object>>) status.get("backends"))
                .extracting(b -> b.get("name") + "=" + b.get("reachable"))
                .containsExactly("ollama=true", "vllm=true");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aModelsProfileIsSentWithEveryRequestToIt() {
        var changed =
                api.put(
                        "/api/models/llama3.1:8b",
                        Map.of(
                                "profile",
                                Map.of(
                                        "num_ctx", 4096,
                                        "temperature", 0.5,
                                        "top_p", 0.9,
                                        "num_predict", 256,
                                        "keep_alive", 600)));
        assertThat(changed.status().value()).as("%s", changed.body()).isEqualTo(200);
        assertThat((Map<String, Object>) changed.body().get("profile"))
                .containsEntry("num_ctx", 4096)
                .containsEntry("token_estimate_factor", 1.3);
        ollama.clearCalls();

        assertThat(ask(agent, "llama3.1:8b")).containsEntry("mode", "ANSWERED");

        Map<String, Object> options = ollama.chatCalls().get(0).options();
        assertThat(options)
                .containsEntry("num_ctx", 4096)
                .containsEntry("temperature", 0.5)
                .containsEntry("top_p", 0.9)
                .containsEntry("num_predict", 256);

        var tooLong =
                api.put(
                        "/api/models/llama3.1:8b",
                        Map.of("profile", Map.of("num_ctx", 2048, "num_predict", 1500)));
        assertThat(tooLong.status().value()).isEqualTo(400);
        assertThat(tooLong.body().get("detail").toString()).contains("half of num_ctx");
        var hot = api.put("/api/models/llama3.1:8b", Map.of("profile", Map.of("temperature", 5)));
        assertThat(hot.status().value()).isEqualTo(400);
        assertThat(hot.body().get("detail").toString()).contains("profile.temperature");

        api.put("/api/models/llama3.1:8b", Map.of("profile", Map.of()));
        assertThat((Map<String, Object>) model(api, "llama3.1:8b").get("profile"))
                .containsEntry("num_ctx", 8192);
    }

    @Test
    void anOpenAiCompatibleBackendAnswersOnceItsModelIsAllowed() {
        assertThat(askReply(agent, VLLM_MODEL).status().value()).isEqualTo(400);

        var allowed = api.put("/api/models/" + VLLM_MODEL, Map.of("allowed", true));
        assertThat(allowed.status().value()).as("%s", allowed.body()).isEqualTo(200);

        Map<String, Object> answer = ask(agent, VLLM_MODEL);
        assertThat(answer).containsEntry("mode", "ANSWERED").containsEntry("model", VLLM_MODEL);
        assertThat(answer.get("answer").toString()).contains("14 days");
        assertThat(vllm.chatCalls()).isNotEmpty();
        assertThat(vllm.chatCalls().get(vllm.chatCalls().size() - 1).model()).isEqualTo(SERVED);
        assertThat(api.get("/actuator/health").body().toString()).contains("backend-vllm");

        var delete = api.delete("/api/models/" + VLLM_MODEL);
        assertThat(delete.value()).isEqualTo(400);
        api.put("/api/models/" + VLLM_MODEL, Map.of("allowed", false));
        assertThat(askReply(agent, VLLM_MODEL).status().value()).isEqualTo(400);
    }

    @Test
    void aPullRunsAsAJobWithProgressAndTheModelCanThenBeUsed() {
        ollama.registry("qwen2.5:7b").pullStepDelay(Duration.ofMillis(40));
        var started = api.post("/api/models/pull", Map.of("name", "qwen2.5:7b"));
        assertThat(started.status().value()).as("%s", started.body()).isEqualTo(202);
        String location = started.headers().getLocation().toString();
        assertThat(started.body())
                .containsEntry("kind", "PULL")
                .containsEntry("model", "qwen2.5:7b");

        var again = api.post("/api/models/pull", Map.of("name", "qwen2.5:7b"));
        assertThat(again.status().value()).isEqualTo(409);

        List<Object> percents = new ArrayList<>();
        Map<String, Object> job = awaitEnded(location, percents);
        assertThat(job).containsEntry("state", "SUCCEEDED").containsEntry("status", "success");
        assertThat(percents).isNotEmpty();
        assertThat(ollama.pulledNames()).contains("qwen2.5:7b");
        assertThat(model(api, "qwen2.5:7b"))
                .containsEntry("pulled", true)
                .containsEntry("allowed", true);
        assertThat(ask(agent, "qwen2.5:7b")).containsEntry("mode", "ANSWERED");

        var unknown = api.post("/api/models/pull", Map.of("name", "no-such-model"));
        assertThat(awaitEnded(unknown.headers().getLocation().toString(), new ArrayList<>()))
                .containsEntry("state", "FAILED")
                .containsEntry("error", "pull model manifest: file does not exist");
        assertThat(api.post("/api/models/pull", Map.of("name", "bad name!")).status().value())
                .isEqualTo(400);
        assertThat(api.post("/api/models/pull", Map.of("name", "vllm/other")).status().value())
                .isEqualTo(400);

        assertThat(api.delete("/api/models/qwen2.5:7b").value()).isEqualTo(204);
        assertThat(ollama.pulledNames()).doesNotContain("qwen2.5:7b");
        assertThat(names(api)).doesNotContain("qwen2.5:7b");
        assertThat(api.delete("/api/models/qwen2.5:7b").value()).isEqualTo(404);
        ollama.registry().pullStepDelay(Duration.ZERO);
    }

    @Test
    void aPullThatStopsSendingProgressFailsInsteadOfHangingForEver() {
        ollama.stallPulls();
        try {
            var started = api.post("/api/models/pull", Map.of("name", "stalled-model:1b"));
            assertThat(started.status().value()).isEqualTo(202);
            Map<String, Object> job =
                    awaitEnded(started.headers().getLocation().toString(), new ArrayList<>());
            assertThat(job).containsEntry("state", "FAILED");
            assertThat(job.get("error").toString()).contains("no progress for 2s");
        } finally {
            ollama.reset();
        }
    }

    @Test
    void aVariantIsCreatedFromABaseModelWithAnAdapterAndAQuantization() {
        Map<String, Object> variant =
                Map.of(
                        "name", "mistral-support",
                        "from", "mistral",
                        "adapters", Map.of("support-lora.gguf", DIGEST),
                        "system", "You answer customer support questions.",
                        "parameters", Map.of("temperature", 0.2),
                        "quantize", "Q4_K_M");
        var started = api.post("/api/models/variants", variant);
        assertThat(started.status().value()).as("%s", started.body()).isEqualTo(202);
        assertThat(awaitEnded(started.headers().getLocation().toString(), new ArrayList<>()))
                .containsEntry("state", "SUCCEEDED");

        Map<String, Object> sent = ollama.createRequests().get(ollama.createRequests().size() - 1);
        assertThat(sent)
                .containsEntry("model", "mistral-support")
                .containsEntry("from", "mistral")
                .containsEntry("adapters", Map.of("support-lora.gguf", DIGEST))
                .containsEntry("quantize", "q4_K_M");
        assertThat(ollama.details("mistral-support"))
                .containsEntry("parent_model", "mistral:latest");
        assertThat(model(api, "mistral-support"))
                .containsEntry("pulled", true)
                .containsEntry("allowed", true)
                .containsEntry("quantizationLevel", "Q4_K_M");

        assertThat(api.post("/api/models/variants", variant).status().value()).isEqualTo(409);
        assertThat(
                        api.post(
                                        "/api/models/variants",
                                        Map.of("name", "x-variant", "from", "not-pulled"))
                                .status()
                                .value())
                .isEqualTo(400);
        var badAdapter =
                api.post(
                        "/api/models/variants",
                        Map.of(
                                "name", "y-variant",
                                "from", "mistral",
                                "adapters", Map.of("a.gguf", "md5:123")));
        assertThat(badAdapter.status().value()).isEqualTo(400);
        assertThat(badAdapter.body().get("detail").toString()).contains("sha256:");
        var badQuantization =
                api.post(
                        "/api/models/variants",
                        Map.of("name", "z-variant", "from", "mistral", "quantize", "q3"));
        assertThat(badQuantization.status().value()).isEqualTo(400);
        assertThat(api.delete("/api/models/mistral-support").value()).isEqualTo(204);
    }

    @Test
    void theDefaultModelCannotBeDisallowedOrDeletedAndOtherModelsCan() {
        assertThat(api.put("/api/models/mistral", Map.of("allowed", false)).status().value())
                .isEqualTo(409);
        assertThat(api.delete("/api/models/mistral").value()).isEqualTo(409);

        assertThat(api.put("/api/models/llama3.1:8b", Map.of("allowed", false)).status().value())
                .isEqualTo(200);
        var refused = askReply(agent, "llama3.1:8b");
        assertThat(refused.body()).containsEntry("type", "/problems/model-not-allowed");
        assertThat(api.put("/api/models/llama3.1:8b", Map.of("allowed", true)).status().value())
                .isEqualTo(200);
        assertThat(ask(agent, "llama3.1:8b")).containsEntry("mode", "ANSWERED");

        assertThat(api.put("/api/models/never-heard-of", Map.of("allowed", true)).status().value())
                .isEqualTo(404);
        assertThat(api.put("/api/models/mistral", Map.of()).status().value()).isEqualTo(400);
    }

    @Test
    void onlyAdminsManageModels() {
        assertThat(agent.post("/api/models/pull", Map.of("name", "qwen2.5:7b")).status().value())
                .isEqualTo(403);
        assertThat(
                        agent.post("/api/models/variants", Map.of("name", "a", "from", "mistral"))
                                .status()
                                .value())
                .isEqualTo(403);
        assertThat(agent.put("/api/models/mistral", Map.of("allowed", true)).status().value())
                .isEqualTo(403);
        assertThat(agent.delete("/api/models/llama3.1:8b").value()).isEqualTo(403);
        assertThat(agent.get("/api/models/jobs").status().value()).isEqualTo(403);
        assertThat(agent.get("/api/models").status().value()).isEqualTo(200);
        assertThat(api.get("/api/audit-events?type=MODEL_CHANGED").body().toString())
                .doesNotContain("models-agent");
    }

    private Map<String, Object> awaitEnded(String location, List<Object> percents) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> job = api.get(location).body();
            if ("RUNNING".equals(job.get("state")) && job.get("percent") != null) {
                percents.add(job.get("percent"));
            }
            if ("SUCCEEDED".equals(job.get("state")) || "FAILED".equals(job.get("state"))) {
                return job;
            }
            VerityApi.sleep(30);
        }
        throw new AssertionError("job " + location + " did not end: " + api.get(location).body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> model(VerityApi caller, String name) {
        return ((List<Map<String, Object>>) caller.get("/api/models").body().get("models"))
                .stream()
                        .filter(m -> name.equals(m.get("name")))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(name + " not listed"));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> names(VerityApi caller) {
        return ((List<Map<String, Object>>) caller.get("/api/models").body().get("models"))
                .stream().map(m -> m.get("name")).toList();
    }

    private Map<String, Object> ask(VerityApi caller, String model) {
        var reply = askReply(caller, model);
        assertThat(reply.status().value()).as("%s", reply.body()).isEqualTo(200);
        return reply.body();
    }

    private VerityApi.Reply<Map<String, Object>> askReply(VerityApi caller, String model) {
        return caller.post(
                "/api/ask",
                Map.of(
                        "question",
                        "How long do refunds take?",
                        "collection",
                        collection,
                        "model",
                        model));
    }
}
