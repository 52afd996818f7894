package cn.gov.jl.hrss.titlereview.engine;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The variables an engine command writes through a task: completing it (also resolving it, or
 * ending it with a BPMN error or an escalation), submitting its form, setting, patching or removing
 * its variables. Read from the command's fields, named alike in Operaton and Camunda 7 (their
 * classes differ in the package only). A command of another kind answers null. A field that cannot
 * be read (an engine release that renamed it) fails the command, never lets it through unchecked.
 */
public record TaskVariableWrites(String taskId, Map<String, ?> values, Collection<String> removals) {

  public static TaskVariableWrites of(Object command) {
    Set<String> kinds = new HashSet<>();
    for (Class<?> c = command.getClass(); c != null; c = c.getSuperclass()) kinds.add(c.getSimpleName());
    if (kinds.contains("CompleteTaskCmd") || kinds.contains("HandleTaskBpmnErrorCmd") || kinds.contains("HandleTaskEscalationCmd")) {
      return new TaskVariableWrites(text(command, "taskId"), map(command, "variables"), List.of());
    }
    if (kinds.contains("SubmitTaskFormCmd")) return new TaskVariableWrites(text(command, "taskId"), map(command, "properties"), List.of());
    if (kinds.contains("SetTaskVariablesCmd")) return new TaskVariableWrites(text(command, "entityId"), map(command, "variables"), List.of());
    if (kinds.contains("PatchTaskVariablesCmd")) return new TaskVariableWrites(text(command, "entityId"), map(command, "variables"), names(command, "deletions"));
    if (kinds.contains("RemoveTaskVariablesCmd")) return new TaskVariableWrites(text(command, "entityId"), Map.of(), names(command, "variableNames"));
    return null;
  }

  private static String text(Object command, String field) {
    Object value = read(command, field);
    return value == null ? null : value.toString();
  }

  private static Map<String, ?> map(Object command, String field) {
    Object value = read(command, field);
    if (value == null) return Map.of();
    if (value instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, ?> variables = (Map<String, ?>) m;
      return variables;
    }
    throw new IllegalStateException(command.getClass().getName() + "." + field + " is not a map of variables");
  }

  private static Collection<String> names(Object command, String field) {
    Object value = read(command, field);
    if (value == null) return List.of();
    if (value instanceof Collection<?> c) return c.stream().map(String::valueOf).toList();
    throw new IllegalStateException(command.getClass().getName() + "." + field + " is not a collection of variable names");
  }

  private static Object read(Object command, String name) {
    for (Class<?> c = command.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field field = c.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(command);
      } catch (NoSuchFieldException e) {
        // declared higher up
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot read " + c.getName() + "." + name + ": a task's variables are not written unchecked", e);
      }
    }
    throw new IllegalStateException(command.getClass().getName() + " has no field " + name + ": a task's variables are not written unchecked");
  }
}
