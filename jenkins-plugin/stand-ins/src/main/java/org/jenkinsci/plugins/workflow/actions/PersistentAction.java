package org.jenkinsci.plugins.workflow.actions;

import hudson.model.Action;

/** Stand-in read from workflow-api (jenkinsci/workflow-api-plugin at cbc88d9c, tag 1413.v2ff1a_5e720fa_ + 4, src/main/java/org/jenkinsci/plugins/workflow/actions/PersistentAction.java). */
public interface PersistentAction extends Action {}
