package hudson.tasks.junit;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

/**
 * Stand-in read from junit (jenkinsci/junit-plugin at c64aedde, tag 1424.vc64a_edde7777,
 * src/main/java/hudson/tasks/junit/TestDataPublisher.java): the type only, what JUnitTask.getTestDataPublishers lists.
 */
public abstract class TestDataPublisher extends AbstractDescribableImpl<TestDataPublisher> implements ExtensionPoint {}
