package com.verity.assistant;

import com.verity.security.Caller;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Retention for admins: the configured ages, a run now, and a user's conversations deleted. */
@RestController
class RetentionController {

    private final Retention retention;

    RetentionController(Retention retention) {
        this.retention = retention;
    }

    @GetMapping("/api/retention")
    RetentionProperties settings() {
        return retention.settings();
    }

    @PostMapping("/api/retention/run")
    Retention.Run run(Caller caller) {
        return retention.run(caller);
    }

    @DeleteMapping("/api/users/{username}/conversations")
    Retention.Deleted deleteConversations(@PathVariable String username, Caller caller) {
        return retention.deleteConversations(username, caller);
    }
}
