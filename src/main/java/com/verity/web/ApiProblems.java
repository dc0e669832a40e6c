package com.verity.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every REST error as an RFC 9457 problem detail. Modules throw {@link ProblemException}
 * subclasses with named factories; one advice renders them all, so each module keeps only its own
 * vocabulary of errors and none repeats the rendering.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        if (e.status().is5xxServerError()) {
            log.warn("{}: {}", e.slug(), e.getMessage());
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        e.headers().forEach(response::header);
        return response.body(e.toProblemDetail());
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            MaxUploadSizeExceededException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        if (tooManyParts(e)) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(
                            new ProblemException(
                                            HttpStatus.CONTENT_TOO_LARGE,
                                            "too-many-files",
                                            "Too many files",
                                            "The upload holds more files and fields than one"
                                                    + " request may (server.tomcat.max-part-count);"
                                                    + " send the files in several requests.")
                                    .toProblemDetail());
        }
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(
                        new ProblemException(
                                        HttpStatus.CONTENT_TOO_LARGE,
                                        "file-too-large",
                                        "File too large",
                                        "The upload exceeds the size limit (verity.ingestion.max-file-size per file,"
                                                + " max-request-size per request); split it or ask an admin to"
                                                + " raise the limit.")
                                .toProblemDetail());
    }

    /** Tomcat's part-count limit, which Spring reports as a size limit. */
    private static boolean tooManyParts(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("FileCountLimitExceededException")) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> badMultipart(MultipartException e) {
        log.debug("Malformed multipart request", e);
        return problem(
                new ProblemException(
                        HttpStatus.BAD_REQUEST,
                        "invalid-upload",
                        "Invalid upload",
                        "The request is not well-formed multipart/form-data: send one part named"
                                + " 'files' per file, each with a filename."));
    }

    /**
     * Anything unforeseen: logged with its details, answered without them (an exception's text can
     * name internal URLs, paths or data).
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
        if (e instanceof org.springframework.security.access.AccessDeniedException
                || e instanceof org.springframework.security.core.AuthenticationException
                || e instanceof java.io.IOException
                || e
                        instanceof
                        org.springframework.web.context.request.async
                                .AsyncRequestNotUsableException) {
            // refusals go on to Spring Security; a client that went away needs no answer
            throw e;
        }
        log.error("Request failed", e);
        return problem(
                new ProblemException(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "internal-error",
                        "Internal error",
                        "Something went wrong on our side; try again, and tell an admin if it keeps"
                                + " happening (the service's log has the details)."));
    }
}
