package cn.gov.jl.hrss.titlereview.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.identity.Group;
import org.operaton.bpm.engine.identity.User;
import org.operaton.bpm.webapp.impl.security.auth.Authentication;
import org.operaton.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.operaton.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tickets that open an application's documents and materials on the API for the user signed in to
 * Tasklist, so that the form's links open in a new tab without a second sign-in and without a
 * password in any URL. POST /title-review/review-ticket {"applicationId": "..."} with the Tasklist
 * session answers {"ticket": "...", "expiresAt": "..."}: an HMAC-SHA256-signed statement of the
 * session's user, the user's groups now, the application, the purpose and an expiry
 * (REVIEW_TICKET_TTL_S, 120 s), under the key the API shares (REVIEW_TICKET_KEY). The API checks
 * the signature, the expiry, the purpose and the application, then applies the same office rule as
 * to a password sign-in. No session: 401. Only from Tasklist's own pages: a request from another
 * origin is refused with 403, one that is not JSON (which a cross-site form cannot send without the
 * browser asking first) with 415. No key (outside production a local default is used): 503.
 *
 * <p>Written once, against Operaton's API, for both engines (see FormFieldsOnly).
 */
@RestController
public class ReviewTickets {

  static final String PURPOSE = "review-open";
  static final String LOCAL_DEFAULT_KEY = "local-dev-review-ticket-key";
  private static final Pattern APPLICATION_ID = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,63}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProcessEngine engine;
  private final String key;
  private final long ttlSeconds;

  public ReviewTickets(
      ProcessEngine engine,
      @Value("${title-review.review-ticket-key:}") String key,
      @Value("${title-review.review-ticket-ttl-s:120}") long ttlSeconds,
      @Value("${title-review.production:false}") boolean production) {
    this.engine = engine;
    this.key = key.isEmpty() && !production ? LOCAL_DEFAULT_KEY : key;
    this.ttlSeconds = ttlSeconds;
    if (production && LOCAL_DEFAULT_KEY.equals(key)) {
      throw new IllegalStateException("REVIEW_TICKET_KEY: the local development value is refused when TITLE_REVIEW_PRODUCTION=true");
    }
  }

  @PostMapping(path = "/title-review/review-ticket", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Map<String, Object>> issue(HttpServletRequest request, @RequestBody(required = false) Map<String, Object> body) {
    if (!sameOrigin(request) || request.getContentType() == null || !request.getContentType().startsWith(MediaType.APPLICATION_JSON_VALUE)) {
      return error(403, "tickets are issued to Tasklist's own pages only");
    }
    String user = sessionUser(request);
    if (user == null) return error(401, "sign in to Tasklist first");
    Object applicationId = body == null ? null : body.get("applicationId");
    if (!(applicationId instanceof String id) || !APPLICATION_ID.matcher(id).matches()) {
      return error(400, "applicationId: an application number is required");
    }
    if (key.isEmpty()) return error(503, "REVIEW_TICKET_KEY is not set: no tickets are issued");
    User known = engine.getIdentityService().createUserQuery().userId(user).singleResult();
    if (known == null) return error(401, "the Tasklist user no longer exists");
    List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    long expires = Instant.now().getEpochSecond() + ttlSeconds;
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("u", user);
    claims.put("g", groups);
    claims.put("a", id);
    claims.put("p", PURPOSE);
    claims.put("exp", expires);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("ticket", sign(claims));
    answer.put("expiresAt", Instant.ofEpochSecond(expires).toString());
    return ResponseEntity.ok().header("Cache-Control", "no-store").body(answer);
  }

  /** The user the Tasklist session signed in on the default engine, or null. */
  private static String sessionUser(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) return null;
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null) return null;
    Authentication authentication = authentications.getAuthenticationForProcessEngine("default");
    return authentication == null ? null : authentication.getName();
  }

  /** Whether the request comes from a page of this server (Origin, else Sec-Fetch-Site). */
  private static boolean sameOrigin(HttpServletRequest request) {
    String origin = request.getHeader("Origin");
    if (origin != null) {
      String self = request.getScheme() + "://" + request.getHeader("Host");
      return origin.equalsIgnoreCase(self);
    }
    String site = request.getHeader("Sec-Fetch-Site");
    return site == null || site.equals("same-origin");
  }

  private String sign(Map<String, Object> claims) {
    try {
      String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(claims));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] signature = mac.doFinal(("title-review-ticket." + payload).getBytes(StandardCharsets.UTF_8));
      return payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    } catch (GeneralSecurityException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a review ticket could not be signed", e);
    }
  }

  private static ResponseEntity<Map<String, Object>> error(int status, String message) {
    return ResponseEntity.status(status).header("Cache-Control", "no-store").body(Map.of("errors", List.of(Map.of("message", message))));
  }
}
