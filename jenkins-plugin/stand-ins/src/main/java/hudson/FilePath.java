package hudson;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;

/**
 * Stand-in read from Jenkins core 2.541.3 (jenkinsci/jenkins, tag jenkins-2.541.3, core/src/main/java/hudson/FilePath.java): a local path only (the real one
 * also reaches agents through a channel); {@link #act} runs the callable here, as the real one does for a local path.
 * FileCallable is RoleSensitive, as the real one: ControllerToAgentFileCallable answers checkRoles.
 */
public final class FilePath implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String remote;

    public FilePath(File localPath) {
        this.remote = localPath.getPath();
    }

    public FilePath(FilePath base, String rel) {
        this.remote = new File(rel).isAbsolute() ? rel : new File(base.remote, rel).getPath();
    }

    public String getRemote() {
        return remote;
    }

    public FilePath child(String relOrAbsolute) {
        return new FilePath(this, relOrAbsolute);
    }

    public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
        return callable.invoke(new File(remote), null);
    }

    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }

    @Override
    public String toString() {
        return remote;
    }
}
