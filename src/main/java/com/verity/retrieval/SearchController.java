package com.verity.retrieval;

import com.verity.security.Caller;
import com.verity.security.RateLimits;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SearchController {

    private final Retriever retriever;
    private final RateLimits limits;

    SearchController(Retriever retriever, RateLimits limits) {
        this.retriever = retriever;
        this.limits = limits;
    }

    @PostMapping("/api/search")
    SearchResponse search(@RequestBody SearchRequest request, Caller caller) {
        limits.check(caller, RateLimits.Kind.SEARCH);
        return new SearchResponse(
                retriever.retrieve(request.query(), request.collection(), request.topK(), caller));
    }
}
