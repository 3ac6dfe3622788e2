package hudson.model;

import hudson.ExtensionPoint;
import java.io.IOException;
import jenkins.model.ArtifactManager;

/** Stand-in read from Jenkins core 2.541.3 (jenkinsci/jenkins, tag jenkins-2.541.3, core/src/main/java/hudson/model/Run.java): result and artifact manager. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable implements ExtensionPoint {
    private volatile Result result;

    Run() {} // the real constructors take a job; nothing offline makes one

    public Result getResult() {
        return result;
    }

    public void setResult(Result r) {
        result = result == null ? r : (r.isWorseThan(result) ? r : result);
    }

    public final synchronized ArtifactManager pickArtifactManager() throws IOException {
        throw new UnsupportedOperationException("stand-in: artifacts are archived only in a real Jenkins");
    }
}
