package dev.archgate.gate;

/** Which checks a run makes of each platform: the full gate makes both. */
enum Stages {
    AUDIT(true, false), SMOKE(false, true), ALL(true, true);

    final boolean audit;
    final boolean smoke;

    Stages(boolean audit, boolean smoke) {
        this.audit = audit;
        this.smoke = smoke;
    }
}
