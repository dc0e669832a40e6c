package com.verity.retrieval;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SearchController {

    private final Retriever retriever;

    SearchController(Retriever retriever) {
        this.retriever = retriever;
    }

    @PostMapping("/api/search")
    SearchResponse search(@RequestBody SearchRequest request) {
        return new SearchResponse(
                retriever.retrieve(request.query(), request.collection(), request.topK()));
    }
}
