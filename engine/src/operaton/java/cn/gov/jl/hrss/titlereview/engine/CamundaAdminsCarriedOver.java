package cn.gov.jl.hrss.titlereview.engine;

import java.util.List;
import org.operaton.bpm.engine.AuthorizationService;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.authorization.Authorization;
import org.operaton.bpm.engine.authorization.Groups;
import org.operaton.bpm.engine.authorization.Permissions;
import org.operaton.bpm.engine.authorization.Resources;
import org.operaton.bpm.engine.identity.Group;
import org.operaton.bpm.engine.identity.User;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * On a database carried over from Camunda 7, makes the members of Camunda's administrators group
 * ({@code camunda-admin}) members of Operaton's ({@code operaton-admin}), with that group's grants.
 *
 * <p>Operaton counts only {@code operaton-admin} as administrators, and creates it only together
 * with a new admin user. On a Camunda 7 database the admin user exists already, so without this the
 * engine has no administrator and the web apps offer their first-run page, on which anyone who
 * reaches them could create one. Runs at every start and acts only while {@code operaton-admin}
 * has no member.
 */
@Component
public class CamundaAdminsCarriedOver extends AbstractProcessEnginePlugin {
  static final String CAMUNDA_ADMIN = "camunda-admin";
  private static final Logger LOG = LoggerFactory.getLogger(CamundaAdminsCarriedOver.class);

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    if (identity.isReadOnly()) return;
    if (identity.createUserQuery().memberOfGroup(Groups.OPERATON_ADMIN).count() > 0) return;
    List<User> admins = identity.createUserQuery().memberOfGroup(CAMUNDA_ADMIN).list();
    if (admins.isEmpty()) return;

    if (identity.createGroupQuery().groupId(Groups.OPERATON_ADMIN).count() == 0) {
      Group group = identity.newGroup(Groups.OPERATON_ADMIN);
      group.setName("operaton BPM Administrators");
      group.setType(Groups.GROUP_TYPE_SYSTEM);
      identity.saveGroup(group);
    }
    AuthorizationService authorizations = engine.getAuthorizationService();
    for (Resources resource : Resources.values()) {
      boolean granted = authorizations.createAuthorizationQuery()
          .groupIdIn(Groups.OPERATON_ADMIN).resourceType(resource).resourceId(Authorization.ANY).count() > 0;
      if (granted) continue;
      Authorization all = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      all.setGroupId(Groups.OPERATON_ADMIN);
      all.setResource(resource);
      all.setResourceId(Authorization.ANY);
      all.addPermission(Permissions.ALL);
      authorizations.saveAuthorization(all);
    }
    for (User admin : admins) identity.createMembership(admin.getId(), Groups.OPERATON_ADMIN);
    LOG.info("Camunda 7 administrators {} are now members of {}", admins.stream().map(User::getId).toList(), Groups.OPERATON_ADMIN);
  }
}
