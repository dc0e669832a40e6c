package com.verity.openai;

import com.verity.web.OpenAiErrors;
import com.verity.web.ProblemException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The OpenAI-compatible API's errors in OpenAI's body ({@link OpenAiErrors}), with the status and
 * {@code Retry-After} of the problem; ahead of the problem-detail advice of the rest of the API.
 */
@RestControllerAdvice(assignableTypes = OpenAiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OpenAiErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(OpenAiErrorAdvice.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Map<String, Object>> problem(ProblemException e) {
        if (e.status().is5xxServerError()) {
            log.warn("{}: {}", e.slug(), e.getMessage());
        }
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        e.headers().forEach(response::header);
        return response.body(OpenAiErrors.body(e.status(), e.slug(), e.getMessage()));
    }

    /** Anything unexpected: OpenAI's body still, without the exception's own text. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        log.error("/v1 request failed", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        OpenAiErrors.body(
                                HttpStatus.INTERNAL_SERVER_ERROR,
                                "internal_error",
                                "The request could not be completed; try again."));
    }

    @ExceptionHandler({
        HttpMessageNotReadableException.class,
        HttpMediaTypeNotSupportedException.class
    })
    ResponseEntity<Map<String, Object>> unreadable(Exception e) {
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        OpenAiErrors.body(
                                HttpStatus.BAD_REQUEST,
                                "invalid_json",
                                "The body must be a JSON chat completion request: {\"model\":"
                                        + " \"<collection>\", \"messages\": [{\"role\": \"user\","
                                        + " \"content\": \"...\"}]}."));
    }
}
