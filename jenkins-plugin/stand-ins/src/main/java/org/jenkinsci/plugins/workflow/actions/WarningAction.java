package org.jenkinsci.plugins.workflow.actions;

import hudson.model.Result;

/** Stand-in read from workflow-api (jenkinsci/workflow-api-plugin at cbc88d9c, tag 1413.v2ff1a_5e720fa_ + 4, src/main/java/org/jenkinsci/plugins/workflow/actions/WarningAction.java). */
public class WarningAction implements PersistentAction {
    private final Result result;
    private String message;

    public WarningAction(Result result) {
        this.result = result;
    }

    public WarningAction withMessage(String message) {
        this.message = message;
        return this;
    }

    public String getMessage() {
        return message;
    }

    public Result getResult() {
        return result;
    }

    @Override
    public String getDisplayName() {
        return null;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
