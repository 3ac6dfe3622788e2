package dev.archgate.jenkins;

import hudson.model.Run;
import jenkins.model.RunAction2;

/**
 * The build page of one gate: a sidebar link to the platform-by-check table and the findings of summary.md. It keeps
 * the rendered (escaped) HTML, so the page does not depend on the workspace or the archived files.
 */
public final class ArchgateSummaryAction implements RunAction2 {
    private final int page;
    private final String verdict;
    private final String summaryHtml;
    private transient Run<?, ?> run;

    ArchgateSummaryAction(int page, String verdict, String summaryHtml) {
        this.page = page;
        this.verdict = verdict;
        this.summaryHtml = summaryHtml;
    }

    @Override
    public String getIconFileName() {
        return "clipboard.png";
    }

    @Override
    public String getDisplayName() {
        return Texts.get("SummaryAction.DisplayName", verdict.toUpperCase(java.util.Locale.ROOT)) + (page == 1 ? "" : " (" + page + ")");
    }

    @Override
    public String getUrlName() {
        return page == 1 ? "archgate" : "archgate-" + page;
    }

    /** HTML made by the engine's report/SummaryHtml from escaped text only; index.jelly writes it as it is. */
    public String getSummaryHtml() {
        return summaryHtml;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        run = r;
    }
}
