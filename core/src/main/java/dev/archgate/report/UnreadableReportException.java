package dev.archgate.report;

/** A report.json that cannot be trusted for a merge; the message names the file and the fix. */
public final class UnreadableReportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnreadableReportException(String message) {
        super(message);
    }
}
