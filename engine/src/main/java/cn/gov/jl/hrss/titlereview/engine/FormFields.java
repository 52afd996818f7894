package cn.gov.jl.hrss.titlereview.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The variables a Camunda Form (form-js schema, forms/*.form) lets its user write: the key of each
 * input field, the path of a dynamic list or group (its children are inside that one variable),
 * the first segment of a dotted key or path. A field that is read-only or disabled is shown, not
 * written: form-js sends it back unchanged, so it may come back with the value it holds, never with
 * another. A read-only setting that is an expression ("=...") depends on the form's data and is
 * taken as writable. Shared by both engines' {@code FormFieldsOnly}.
 */
public final class FormFields {
  /** A task without a deployed form writes no variables. */
  public static final FormFields NONE = new FormFields("(no form)", Set.of(), Set.of());

  /** Components that show or do something and submit nothing. */
  private static final Set<String> NOT_INPUT = Set.of("text", "html", "image", "spacer", "separator", "button", "iframe", "table", "documentPreview");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String formId;
  private final Set<String> writable;
  private final Set<String> readOnly;

  FormFields(String formId, Set<String> writable, Set<String> readOnly) {
    this.formId = formId;
    this.writable = writable;
    this.readOnly = readOnly;
  }

  public String formId() {
    return formId;
  }

  public Set<String> writable() {
    return writable;
  }

  public Set<String> readOnly() {
    return readOnly;
  }

  public static FormFields parse(InputStream json) throws IOException {
    JsonNode root = JSON.readTree(json);
    Set<String> writable = new TreeSet<>();
    Set<String> readOnly = new TreeSet<>();
    walk(root.path("components"), false, null, writable, readOnly);
    // A variable written by one field and shown read-only by another is writable.
    readOnly.removeAll(writable);
    return new FormFields(root.path("id").asText("(form without id)"), Set.copyOf(writable), Set.copyOf(readOnly));
  }

  private static void walk(JsonNode components, boolean readOnlyAbove, String container, Set<String> writable, Set<String> readOnly) {
    if (!components.isArray()) return;
    for (JsonNode c : components) {
      boolean fixed = readOnlyAbove || isTrue(c.get("readonly")) || isTrue(c.get("disabled"));
      String path = c.path("path").asText("");
      String key = c.path("key").asText("");
      String inside = container;
      if (container == null && !path.isEmpty()) {
        // A dynamic list or a group with a path: its values are one variable of that name.
        inside = firstSegment(path);
        (fixed ? readOnly : writable).add(inside);
      } else if (container == null && !key.isEmpty() && !NOT_INPUT.contains(c.path("type").asText(""))) {
        (fixed ? readOnly : writable).add(firstSegment(key));
      }
      walk(c.path("components"), fixed, inside, writable, readOnly);
    }
  }

  private static boolean isTrue(JsonNode setting) {
    return setting != null && setting.isBoolean() && setting.asBoolean();
  }

  private static String firstSegment(String dotted) {
    int dot = dotted.indexOf('.');
    return dot < 0 ? dotted : dotted.substring(0, dot);
  }

  /**
   * What is wrong with a write of {@code values} and removal of {@code removals} through a task
   * with this form, one line per rule broken, each naming the variables; empty when it may go on.
   * {@code current} answers a variable's value as the task sees it now.
   */
  public List<String> problems(Map<String, ?> values, Collection<String> removals, Function<String, Object> current) {
    Set<String> unknown = new TreeSet<>();
    Set<String> changed = new TreeSet<>();
    for (Map.Entry<String, ?> entry : values.entrySet()) {
      String name = entry.getKey();
      if (writable.contains(name)) continue;
      if (readOnly.contains(name)) {
        if (!sameValue(entry.getValue(), current.apply(name))) changed.add(name);
        continue;
      }
      unknown.add(name);
    }
    for (String name : removals) {
      if (writable.contains(name)) continue;
      if (readOnly.contains(name)) changed.add(name);
      else unknown.add(name);
    }
    List<String> problems = new ArrayList<>();
    if (!unknown.isEmpty()) {
      problems.add(String.join(", ", unknown) + ": not " + (unknown.size() == 1 ? "a field" : "fields") + " of the task's form " + formId
          + " (a task accepts the fields its form defines, nothing else" + (writable.isEmpty() ? "; this form defines none" : ": " + String.join(", ", new TreeSet<>(writable))) + ")");
    }
    if (!changed.isEmpty()) {
      problems.add(String.join(", ", changed) + ": read-only in the task's form " + formId + " (shown, never changed by the task)");
    }
    return problems;
  }

  /** Equal values, or equal in their text (a number the browser sent as 1.0 for 1, say). */
  static boolean sameValue(Object submitted, Object held) {
    if (Objects.equals(submitted, held)) return true;
    return submitted != null && held != null && String.valueOf(submitted).equals(String.valueOf(held));
  }
}
