package cn.gov.jl.hrss.titlereview.engine;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.operaton.bpm.engine.AuthorizationException;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cmd.SaveTaskCmd;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.identity.Authentication;
import org.operaton.bpm.engine.impl.interceptor.Command;
import org.operaton.bpm.engine.impl.interceptor.CommandContext;
import org.operaton.bpm.engine.impl.interceptor.CommandInterceptor;
import org.operaton.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The due date and the follow-up date of a task of a flow are the flow's (the review level's
 * deadline, and three working days before it): an office user may claim and complete the task, but
 * not clear or move its dates, which the UPDATE permission that the engine grants a task's
 * candidate groups would otherwise allow (PUT /task/{id}, Tasklist's date fields). Saving such a
 * task with another due or follow-up date is refused as a missing permission (403 naming the rule)
 * unless the engine itself, an administrator (the engine's admin users and groups) or the service
 * account does it; nothing is changed.
 *
 * <p>Written once, against Operaton's API, for both engines (see FormFieldsOnly).
 */
@Component
public class DueDatesByTheFlow extends AbstractProcessEnginePlugin {

  static final String RULE = "the due date and the follow-up date of a review task are the flow's deadline; only an administrator may change them";

  private static final Field TASK_OF_SAVE;

  static {
    try {
      TASK_OF_SAVE = SaveTaskCmd.class.getDeclaredField("task");
      TASK_OF_SAVE.setAccessible(true);
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("the engine's SaveTaskCmd has no field 'task': the due-date rule cannot see what is saved", e);
    }
  }

  private final String serviceUser;

  public DueDatesByTheFlow(@Value("${title-review.service-user:}") String serviceUser) {
    this.serviceUser = serviceUser;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = new ArrayList<>();
    if (configuration.getCustomPostCommandInterceptorsTxRequired() != null) interceptors.addAll(configuration.getCustomPostCommandInterceptorsTxRequired());
    interceptors.add(new Check(configuration, serviceUser));
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
  }

  static final class Check extends CommandInterceptor {
    private final ProcessEngineConfigurationImpl configuration;
    private final String serviceUser;

    Check(ProcessEngineConfigurationImpl configuration, String serviceUser) {
      this.configuration = configuration;
      this.serviceUser = serviceUser;
    }

    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof SaveTaskCmd save) check(saved(save));
      return next.execute(command);
    }

    private void check(TaskEntity saved) {
      if (saved == null || saved.getId() == null) return;
      CommandContext context = Context.getCommandContext();
      Authentication who = context.getAuthentication();
      if (who == null || who.getUserId() == null || exempt(who)) return;
      TaskEntity stored = context.getTaskManager().findTaskById(saved.getId());
      // A new task, or a task of no flow: nothing of a flow's deadline to keep.
      if (stored == null || stored.getProcessInstanceId() == null) return;
      if (same(stored.getDueDate(), saved.getDueDate()) && same(stored.getFollowUpDate(), saved.getFollowUpDate())) return;
      throw new AuthorizationException("Task " + stored.getTaskDefinitionKey() + " (" + stored.getId() + "): " + RULE);
    }

    private boolean exempt(Authentication who) {
      if (!serviceUser.isEmpty() && serviceUser.equals(who.getUserId())) return true;
      List<String> adminUsers = configuration.getAdminUsers();
      if (adminUsers != null && adminUsers.contains(who.getUserId())) return true;
      List<String> adminGroups = configuration.getAdminGroups();
      return adminGroups != null && who.getGroupIds() != null && who.getGroupIds().stream().anyMatch(adminGroups::contains);
    }
  }

  private static boolean same(Date a, Date b) {
    return Objects.equals(a == null ? null : a.getTime(), b == null ? null : b.getTime());
  }

  private static TaskEntity saved(SaveTaskCmd save) {
    try {
      return (TaskEntity) TASK_OF_SAVE.get(save);
    } catch (IllegalAccessException e) {
      throw new ProcessEngineException("the due-date rule cannot read the task being saved", e);
    }
  }
}
