package cn.gov.jl.hrss.titlereview.engine;

import org.operaton.bpm.engine.AuthorizationService;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.authorization.Authorization;
import org.operaton.bpm.engine.authorization.Permission;
import org.operaton.bpm.engine.authorization.Permissions;
import org.operaton.bpm.engine.authorization.Resource;
import org.operaton.bpm.engine.authorization.Resources;
import org.operaton.bpm.engine.identity.User;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.identity.Authentication;
import org.operaton.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.operaton.bpm.engine.repository.Deployment;
import org.operaton.bpm.spring.boot.starter.property.AdminUserProperty;
import org.operaton.bpm.spring.boot.starter.property.OperatonBpmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The accounts the product itself uses, from the engine's configuration (see application.yaml,
 * {@code title-review.*}): the workers' and the API's service account and the deploy account, each
 * with only the grants it needs, and the administrator's password (the engine's own admin-user
 * setting, whatever sets it). Runs at every start, so the engine's accounts are those of its
 * configuration (var/credentials.env locally).
 *
 * <p>Written once, against Operaton's API, for both engines: the camunda7 build (engine/pom.xml)
 * compiles a copy in which the engine's package names, its Spring Boot properties class and the
 * property prefix read Camunda 7's (target/camunda7/generated-sources/engine-api).
 */
@Component
public class EngineAccounts extends AbstractProcessEnginePlugin {
  private static final Logger LOG = LoggerFactory.getLogger(EngineAccounts.class);

  private final String serviceUser;
  private final String servicePassword;
  private final String deployUser;
  private final String deployPassword;
  private final String adminUser;
  private final String adminPassword;

  public EngineAccounts(
      @Value("${title-review.service-user:}") String serviceUser,
      @Value("${title-review.service-password:}") String servicePassword,
      @Value("${title-review.deploy-user:}") String deployUser,
      @Value("${title-review.deploy-password:}") String deployPassword,
      OperatonBpmProperties engineProperties,
      @Value("${title-review.production:false}") boolean production) {
    this.serviceUser = serviceUser;
    this.servicePassword = servicePassword;
    this.deployUser = deployUser;
    this.deployPassword = deployPassword;
    AdminUserProperty admin = engineProperties.getAdminUser();
    this.adminUser = admin == null || admin.getId() == null ? "" : admin.getId();
    this.adminPassword = admin == null || admin.getPassword() == null ? "" : admin.getPassword();
    // Before the engine is built: a production engine never starts with a weak administrator password.
    ProductionChecks.checkAdminPassword(production, "operaton.bpm.admin-user.password", adminUser, adminPassword);
    ProductionChecks.checkAccounts(serviceUser, servicePassword, deployUser, deployPassword, adminUser);
  }

  /**
   * The engine grants whoever deploys READ and DELETE on that deployment; deleting a deployment
   * with cascade deletes its process instances, which the deploy account must never reach. Its
   * deployments get no grant of their own (it reads every deployment through its one grant).
   */
  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (deployUser.isEmpty()) return;
    if (configuration.getResourceAuthorizationProvider() != null) {
      LOG.warn("a resource authorization provider is set already: the deploy account {} keeps the engine's grants on its own deployments", deployUser);
      return;
    }
    configuration.setResourceAuthorizationProvider(new DefaultAuthorizationProvider() {
      @Override
      public AuthorizationEntity[] newDeployment(Deployment deployment) {
        Authentication current = Context.getProcessEngineConfiguration().getIdentityService().getCurrentAuthentication();
        if (current != null && deployUser.equals(current.getUserId())) return null;
        return super.newDeployment(deployment);
      }
    });
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
    AuthorizationService authorizations = engine.getAuthorizationService();
    if (!serviceUser.isEmpty()) {
      account(identity, serviceUser, servicePassword, "service account");
      // Start, correlate, fetch, lock, complete and fail external tasks, cancel; read instances and
      // their variables. No deployments, no identity, no history, no authorizations.
      grant(authorizations, serviceUser, Resources.PROCESS_DEFINITION, Permissions.READ, Permissions.CREATE_INSTANCE, Permissions.READ_INSTANCE,
          Permissions.UPDATE_INSTANCE, Permissions.DELETE_INSTANCE, Permissions.READ_TASK, Permissions.UPDATE_TASK);
      grant(authorizations, serviceUser, Resources.PROCESS_INSTANCE, Permissions.CREATE, Permissions.READ, Permissions.UPDATE, Permissions.DELETE);
      grant(authorizations, serviceUser, Resources.TASK, Permissions.READ, Permissions.UPDATE);
      LOG.info("service account {} ready", serviceUser);
    }
    if (!deployUser.isEmpty()) {
      account(identity, deployUser, deployPassword, "deploy account");
      // Create and list deployments, read the definitions they hold. Nothing on instances, tasks,
      // history, identity or authorizations, and no deletion of deployments.
      grant(authorizations, deployUser, Resources.DEPLOYMENT, Permissions.CREATE, Permissions.READ);
      grant(authorizations, deployUser, Resources.PROCESS_DEFINITION, Permissions.READ);
      grant(authorizations, deployUser, Resources.DECISION_DEFINITION, Permissions.READ);
      grant(authorizations, deployUser, Resources.DECISION_REQUIREMENTS_DEFINITION, Permissions.READ);
      // Grants on single deployments (made for it by the engine before it was a deploy account) go.
      for (Authorization own : authorizations.createAuthorizationQuery().userIdIn(deployUser).list()) {
        if (!Authorization.ANY.equals(own.getResourceId())) authorizations.deleteAuthorization(own.getId());
      }
      LOG.info("deploy account {} ready", deployUser);
    }
  }

  /** Creates the user when missing and gives it the configured password. */
  private static void account(IdentityService identity, String id, String password, String what) {
    User user = identity.createUserQuery().userId(id).singleResult();
    if (user == null) {
      user = identity.newUser(id);
      user.setFirstName("title-review");
      user.setLastName(what);
    }
    if (!identity.checkPassword(id, password)) {
      user.setPassword(password);
      identity.saveUser(user);
    }
  }

  /** The user's one grant on every resource of a type: exactly these permissions. */
  private static void grant(AuthorizationService authorizations, String userId, Resource resource, Permission... permissions) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .userIdIn(userId).resourceType(resource).resourceId(Authorization.ANY).singleResult();
    Authorization grant = existing != null ? existing : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setUserId(userId);
    grant.setResource(resource);
    grant.setResourceId(Authorization.ANY);
    grant.setPermissions(permissions);
    authorizations.saveAuthorization(grant);
  }
}
