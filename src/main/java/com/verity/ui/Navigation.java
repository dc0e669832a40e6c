package com.verity.ui;

import com.verity.security.Caller;
import com.verity.security.CurrentCaller;
import com.verity.security.Role;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page the signed-in user, so the navigation shows only what their role may use. */
@ControllerAdvice(basePackageClasses = Navigation.class)
class Navigation {

    /** The signed-in user as the header shows them. */
    record Viewer(String name, boolean editor, boolean admin) {
        static Viewer of(Caller caller) {
            return new Viewer(
                    caller.displayName() != null ? caller.displayName() : caller.username(),
                    caller.has(Role.EDITOR),
                    caller.isAdmin());
        }
    }

    @ModelAttribute("me")
    Viewer me() {
        return CurrentCaller.get().map(Viewer::of).orElse(null);
    }
}
