package com.verity.openai;

import com.verity.web.ProblemException;
import org.springframework.http.HttpStatus;

/** A request the OpenAI-compatible API refuses, in its own words (OpenAI's error codes). */
final class OpenAiProblem extends ProblemException {

    OpenAiProblem(HttpStatus status, String code, String message) {
        super(
                status,
                code,
                status == HttpStatus.NOT_FOUND ? "Not found" : "Invalid request",
                message);
    }

    /** A 400 with OpenAI's {@code invalid_request_error} type. */
    static OpenAiProblem invalid(String code, String message) {
        return new OpenAiProblem(HttpStatus.BAD_REQUEST, code, message);
    }
}
