package dev.archgate.jenkins;

import hudson.util.FormValidation;
import java.util.Optional;

/** A parameter check's answer as a form's validation message. */
final class Forms {
    private Forms() {}

    static FormValidation validation(Optional<String> problem) {
        return problem.map(FormValidation::error).orElseGet(FormValidation::ok);
    }
}
