package com.verity.ui;

import com.verity.security.AuditLog;
import com.verity.security.AuditType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log (admins): newest first, filtered by type, user and days, a page at a time. */
@Controller
class AuditPageController {

    private static final int PAGE_SIZE = 50;

    private final AuditLog audit;

    AuditPageController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/admin/audit")
    String page(
            @RequestParam(defaultValue = "") String type,
            @RequestParam(defaultValue = "") String actor,
            @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        AuditType chosen = null;
        for (AuditType candidate : AuditType.values()) {
            if (candidate.name().equals(type)) {
                chosen = candidate;
            }
        }
        model.addAttribute("types", List.of(AuditType.values()));
        model.addAttribute("type", chosen == null ? "" : chosen.name());
        model.addAttribute("actor", actor);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute(
                "events",
                audit.page(
                        new AuditLog.Filter(
                                chosen,
                                actor.isBlank() ? null : actor.strip(),
                                day(from, 0),
                                day(to, 1)),
                        Math.max(0, page),
                        PAGE_SIZE));
        return "audit";
    }

    /** The start of a day picked on the page (UTC), shifted by days; null when none or invalid. */
    private static Instant day(String date, int plusDays) {
        if (date.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(date)
                    .plusDays(plusDays)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
