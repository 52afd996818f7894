package cn.gov.jl.hrss.titlereview.engine;

import java.util.List;
import java.util.Locale;

/**
 * The engine's refusals at start-up, shared by both engines' {@code EngineAccounts}: it reads the
 * effective settings (the engine's own admin-user properties, whichever of ENGINE_ADMIN_PASSWORD,
 * OPERATON_BPM_ADMIN_USER_PASSWORD, CAMUNDA_BPM_ADMIN_USER_PASSWORD or a
 * {@code --operaton.bpm.admin-user.password=} argument set them) and throws before the engine is
 * built, so the application exits with the message.
 */
public final class ProductionChecks {
  /** Administrator passwords that local runs, demos and engine defaults use. */
  static final List<String> LOCAL_DEFAULTS = List.of("demo", "admin", "password", "operaton", "camunda", "changeit", "changeme");

  private ProductionChecks() {}

  /** Refuses, when production is on, an administrator password that is empty, the user's id, or a local default. */
  public static void checkAdminPassword(boolean production, String property, String adminUser, String adminPassword) {
    if (!production) return;
    String password = adminPassword == null ? "" : adminPassword.trim();
    boolean weak = password.isEmpty() || password.equals(adminUser) || LOCAL_DEFAULTS.contains(password.toLowerCase(Locale.ROOT));
    if (weak) {
      throw new IllegalStateException("ENGINE_ADMIN_PASSWORD (" + property + "): the administrator's password must be set, and not to 'demo', "
          + "the user's id or another local default, when TITLE_REVIEW_PRODUCTION=true");
    }
  }

  /** A configured account needs its password, and the deploy account must be an account of its own. */
  public static void checkAccounts(String serviceUser, String servicePassword, String deployUser, String deployPassword, String adminUser) {
    if (!serviceUser.isEmpty() && servicePassword.isEmpty()) {
      throw new IllegalStateException("title-review.service-password (ENGINE_PASSWORD): required with a service account (ENGINE_USER)");
    }
    if (deployUser.isEmpty()) return;
    if (deployPassword.isEmpty()) {
      throw new IllegalStateException("title-review.deploy-password (ENGINE_DEPLOY_PASSWORD): required with a deploy account (ENGINE_DEPLOY_USER)");
    }
    if (deployUser.equals(serviceUser) || deployUser.equals(adminUser)) {
      throw new IllegalStateException("title-review.deploy-user (ENGINE_DEPLOY_USER): must be an account of its own, not the service account (ENGINE_USER) or the administrator");
    }
  }
}
