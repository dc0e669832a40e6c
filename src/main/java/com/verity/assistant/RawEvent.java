package com.verity.assistant;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A Server-Sent Event written exactly as given, for the format details Spring's builder does not
 * offer ({@code data: } with a space); it is built whole, so its builder methods are refused.
 */
record RawEvent(String text) implements SseEmitter.SseEventBuilder {

    private static final MediaType UTF8_TEXT =
            new MediaType("text", "plain", StandardCharsets.UTF_8);

    /** An unnamed event of {@code data}, a line per line of it. */
    static RawEvent data(String data) {
        return new RawEvent("data: " + data.replace("\n", "\ndata: ") + "\n\n");
    }

    @Override
    public Set<ResponseBodyEmitter.DataWithMediaType> build() {
        return Set.of(new ResponseBodyEmitter.DataWithMediaType(text, UTF8_TEXT));
    }

    @Override
    public SseEmitter.SseEventBuilder id(String id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SseEmitter.SseEventBuilder name(String eventName) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SseEmitter.SseEventBuilder reconnectTime(long reconnectTimeMillis) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SseEmitter.SseEventBuilder comment(String comment) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SseEmitter.SseEventBuilder data(Object object) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SseEmitter.SseEventBuilder data(Object object, MediaType mediaType) {
        throw new UnsupportedOperationException();
    }
}
