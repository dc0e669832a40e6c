package com.verity.openai;

import com.verity.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OpenAI-compatible API: any OpenAI client pointed at {@code http://host:8080/v1} with an API
 * key (of the {@code ask} scope) asks a collection by naming it as the model.
 */
@RestController
class OpenAiController {

    private final ChatCompletions completions;

    OpenAiController(ChatCompletions completions) {
        this.completions = completions;
    }

    @GetMapping("/v1/models")
    ChatFormat.ModelList models(Caller caller) {
        return completions.models(caller);
    }

    /**
     * A {@code chat.completion}, or with {@code "stream": true} its chunks as Server-Sent Events.
     */
    // no 'produces': OpenAI's clients may send Accept: application/json for a stream too
    @PostMapping("/v1/chat/completions")
    ResponseEntity<?> complete(@RequestBody ChatRequest request, Caller caller) {
        if (request.streamed()) {
            return completions.stream(request, caller);
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(completions.complete(request, caller));
    }
}
