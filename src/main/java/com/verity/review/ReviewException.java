package com.verity.review;

import com.verity.web.ProblemException;
import org.springframework.http.HttpStatus;

/** Review requests that cannot be taken, as problem details that say what to do. */
class ReviewException extends ProblemException {

    ReviewException(HttpStatus status, String slug, String title, String detail) {
        super(status, slug, title, detail);
    }
}
