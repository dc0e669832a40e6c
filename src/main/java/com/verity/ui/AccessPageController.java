package com.verity.ui;

import com.verity.collection.CollectionAccess;
import com.verity.collection.CollectionCatalog;
import com.verity.security.Caller;
import com.verity.web.ProblemException;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The access panel of a collection (admins): who may read it and who may edit it. */
@Controller
class AccessPageController {

    private final CollectionCatalog collections;

    AccessPageController(CollectionCatalog collections) {
        this.collections = collections;
    }

    @GetMapping("/admin/collections/{collection}/access")
    String page(@PathVariable String collection, Caller caller, Model model) {
        model.addAttribute("collection", collections.find(collection, caller));
        show(collections.access(collection, caller), model);
        return "access";
    }

    @PostMapping("/ui/collections/{collection}/access")
    String save(
            @PathVariable String collection,
            @RequestParam(defaultValue = "") String readers,
            @RequestParam(defaultValue = "") String editors,
            Caller caller,
            Model model) {
        model.addAttribute("collection", collections.find(collection, caller));
        try {
            show(
                    collections.setAccess(collection, entries(readers), entries(editors), caller),
                    model);
            model.addAttribute("message", "Saved.");
        } catch (ProblemException e) {
            show(new CollectionAccess(entries(readers), entries(editors)), model);
            model.addAttribute("problem", e.getMessage());
        }
        return "access :: panel";
    }

    private static void show(CollectionAccess access, Model model) {
        model.addAttribute("readersText", String.join("\n", access.readers()));
        model.addAttribute("editorsText", String.join("\n", access.editors()));
    }

    /** One entry per line or comma. */
    private static List<String> entries(String text) {
        return Arrays.stream(text.split("[,\\n]"))
                .map(String::strip)
                .filter(e -> !e.isEmpty())
                .toList();
    }
}
