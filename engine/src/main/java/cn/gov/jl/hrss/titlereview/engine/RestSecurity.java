package cn.gov.jl.hrss.titlereview.engine;

import jakarta.servlet.Filter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The REST API asks for HTTP basic authentication through the engine's own authentication filter,
 * so every request runs as a user of the engine's identity service and its authorizations apply.
 * The same code for both engines: the filter and the provider are found by the engine's package,
 * {@code org.operaton.bpm} or {@code org.camunda.bpm}, whichever the build put on the class path.
 * {@code title-review.rest-authentication=false} (ENGINE_REST_AUTHENTICATION) turns it off.
 */
@Configuration
public class RestSecurity {
  static final String[] ENGINE_PACKAGES = {"org.operaton.bpm", "org.camunda.bpm"};

  @Bean
  @ConditionalOnProperty(name = "title-review.rest-authentication", havingValue = "true", matchIfMissing = true)
  public FilterRegistrationBean<Filter> restAuthenticationFilter() throws ReflectiveOperationException {
    String base = enginePackage();
    Filter filter = (Filter) Class.forName(base + ".engine.rest.security.auth.ProcessEngineAuthenticationFilter")
        .getDeclaredConstructor().newInstance();
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
    registration.setName("title-review-rest-authentication");
    registration.addInitParameter("authentication-provider", base + ".engine.rest.security.auth.impl.HttpBasicAuthenticationProvider");
    registration.addUrlPatterns("/engine-rest/*");
    return registration;
  }

  /**
   * Refuses to start in production without REST authentication. The administrator's password is
   * checked by EngineAccounts (ProductionChecks), on the engine's own admin-user setting.
   */
  @Bean
  public Object productionSettingsChecked(
      @Value("${title-review.production:false}") boolean production,
      @Value("${title-review.rest-authentication:true}") boolean restAuthentication) {
    if (production && !restAuthentication) {
      throw new IllegalStateException("ENGINE_REST_AUTHENTICATION: the REST API must require authentication when TITLE_REVIEW_PRODUCTION=true");
    }
    return Boolean.TRUE;
  }

  static String enginePackage() {
    for (String base : ENGINE_PACKAGES) {
      try {
        Class.forName(base + ".engine.rest.security.auth.ProcessEngineAuthenticationFilter");
        return base;
      } catch (ClassNotFoundException e) {
        // the other engine
      }
    }
    throw new IllegalStateException("no engine REST authentication filter on the class path");
  }
}
