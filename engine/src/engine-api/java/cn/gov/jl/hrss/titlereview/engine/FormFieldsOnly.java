package cn.gov.jl.hrss.titlereview.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.operaton.bpm.engine.AuthorizationException;
import org.operaton.bpm.engine.BadUserRequestException;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.interceptor.Command;
import org.operaton.bpm.engine.impl.interceptor.CommandContext;
import org.operaton.bpm.engine.impl.interceptor.CommandInterceptor;
import org.operaton.bpm.engine.impl.persistence.entity.TaskEntity;
import org.operaton.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * A task accepts the fields its form defines, nothing else (FormFields): completing it, submitting
 * its form, setting or removing its variables, through Tasklist, the REST API or the Java API, by
 * any account. Anything else is refused as a missing permission (the task grants writing its
 * form's fields, no more): an AuthorizationException, which every REST resource answers with 403,
 * naming the variables and the rule; the command changes nothing. A task without a deployed form accepts no variables. The check runs
 * inside the command's transaction (after the engine's command context opens), so it sees the task
 * and its form as the command does.
 *
 * <p>Written once, against Operaton's API, for both engines: the camunda7 build (engine/pom.xml)
 * compiles a copy in which the engine's package names read Camunda 7's
 * (target/camunda7/generated-sources/engine-api).
 */
@Component
public class FormFieldsOnly extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = new ArrayList<>();
    if (configuration.getCustomPostCommandInterceptorsTxRequired() != null) interceptors.addAll(configuration.getCustomPostCommandInterceptorsTxRequired());
    interceptors.add(new Check());
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
  }

  static final class Check extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      TaskVariableWrites writes = TaskVariableWrites.of(command);
      if (writes != null && writes.taskId() != null) check(writes);
      return next.execute(command);
    }
  }

  static void check(TaskVariableWrites writes) {
    CommandContext context = Context.getCommandContext();
    TaskEntity task = context.getTaskManager().findTaskById(writes.taskId());
    // No such task: the command itself answers that.
    if (task == null) return;
    FormFields form = formOf(context, writes.taskId());
    Map<String, Object> values = new LinkedHashMap<>();
    writes.values().forEach((name, value) -> values.put(name, value instanceof TypedValue typed ? typed.getValue() : value));
    List<String> problems = form.problems(values, writes.removals(), task::getVariable);
    if (!problems.isEmpty()) {
      throw new AuthorizationException("Task " + task.getTaskDefinitionKey() + " (" + task.getId() + "): " + String.join("; ", problems));
    }
  }

  private static FormFields formOf(CommandContext context, String taskId) {
    InputStream resource;
    try {
      // Checks that the user may read the task (403 otherwise), as Tasklist's form request does.
      resource = new GetDeployedTaskFormCmd(taskId).execute(context);
    } catch (BadUserRequestException e) {
      // No form key and no form reference, or a form that is not deployed (NotFoundException).
      return FormFields.NONE;
    }
    try (InputStream json = resource) {
      return FormFields.parse(json);
    } catch (IOException e) {
      throw new ProcessEngineException("the form of task " + taskId + " cannot be read as a form-js schema: its fields are unknown, so nothing is written", e);
    }
  }
}
