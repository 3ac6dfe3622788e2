package hudson.tasks.test;

import java.io.Serializable;

/** Stand-in read from junit (jenkinsci/junit-plugin at c64aedde, tag 1424.vc64a_edde7777, src/main/java/hudson/tasks/test/PipelineTestDetails.java): the type only. */
public class PipelineTestDetails implements Serializable {
    private static final long serialVersionUID = 1L;
}
