package hudson.model;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stand-in read from Jenkins core 2.541.3 (jenkinsci/jenkins, tag jenkins-2.541.3, core/src/main/java/hudson/model/Actionable.java): addAction, addOrReplaceAction, getActions(Class). */
public abstract class Actionable {
    private final List<Action> actions = new CopyOnWriteArrayList<>();

    public void addAction(Action a) {
        actions.add(a);
    }

    public boolean addOrReplaceAction(Action a) {
        actions.removeIf(x -> x.getClass() == a.getClass());
        actions.add(a);
        return true;
    }

    public <T extends Action> List<T> getActions(Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
