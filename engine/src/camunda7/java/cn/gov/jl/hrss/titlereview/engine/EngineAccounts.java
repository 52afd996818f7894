package cn.gov.jl.hrss.titlereview.engine;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The accounts the product itself uses, from the engine's configuration (see application.yaml,
 * {@code title-review.*}): the workers' and the API's service account with only the grants they
 * need, and the administrator's password. Runs at every start, so the engine's accounts are those
 * of its configuration (var/credentials.env locally). Camunda 7's copy; src/operaton/java holds
 * Operaton's, which differs in its imports only.
 */
@Component
public class EngineAccounts extends AbstractProcessEnginePlugin {
  private static final Logger LOG = LoggerFactory.getLogger(EngineAccounts.class);

  private final String serviceUser;
  private final String servicePassword;
  private final String adminUser;
  private final String adminPassword;

  public EngineAccounts(
      @Value("${title-review.service-user:}") String serviceUser,
      @Value("${title-review.service-password:}") String servicePassword,
      @Value("${title-review.admin-user:}") String adminUser,
      @Value("${title-review.admin-password:}") String adminPassword) {
    this.serviceUser = serviceUser;
    this.servicePassword = servicePassword;
    this.adminUser = adminUser;
    this.adminPassword = adminPassword;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    if (identity.isReadOnly()) return;
    // The administrator exists once the starter created it; an older database keeps the password
    // it was created with unless it is set again here.
    if (!adminUser.isEmpty() && !adminPassword.isEmpty()) {
      User admin = identity.createUserQuery().userId(adminUser).singleResult();
      if (admin != null && !identity.checkPassword(adminUser, adminPassword)) {
        admin.setPassword(adminPassword);
        identity.saveUser(admin);
        LOG.info("the password of administrator {} is now the configured one", adminUser);
      }
    }
    if (serviceUser.isEmpty()) return;
    if (servicePassword.isEmpty()) throw new IllegalStateException("title-review.service-password (ENGINE_PASSWORD): required with a service account (ENGINE_USER)");
    User user = identity.createUserQuery().userId(serviceUser).singleResult();
    if (user == null) {
      user = identity.newUser(serviceUser);
      user.setFirstName("title-review");
      user.setLastName("service account");
    }
    if (!identity.checkPassword(serviceUser, servicePassword)) {
      user.setPassword(servicePassword);
      identity.saveUser(user);
    }
    AuthorizationService authorizations = engine.getAuthorizationService();
    // Start, correlate, fetch, lock, complete and fail external tasks, cancel; read instances and
    // their variables. No deployments, no identity, no history, no authorizations.
    grant(authorizations, Resources.PROCESS_DEFINITION, Permissions.READ, Permissions.CREATE_INSTANCE, Permissions.READ_INSTANCE,
        Permissions.UPDATE_INSTANCE, Permissions.DELETE_INSTANCE, Permissions.READ_TASK, Permissions.UPDATE_TASK);
    grant(authorizations, Resources.PROCESS_INSTANCE, Permissions.CREATE, Permissions.READ, Permissions.UPDATE, Permissions.DELETE);
    grant(authorizations, Resources.TASK, Permissions.READ, Permissions.UPDATE);
    LOG.info("service account {} ready", serviceUser);
  }

  private void grant(AuthorizationService authorizations, Resource resource, Permission... permissions) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .userIdIn(serviceUser).resourceType(resource).resourceId(Authorization.ANY).singleResult();
    Authorization grant = existing != null ? existing : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setUserId(serviceUser);
    grant.setResource(resource);
    grant.setResourceId(Authorization.ANY);
    grant.setPermissions(permissions);
    authorizations.saveAuthorization(grant);
  }
}
