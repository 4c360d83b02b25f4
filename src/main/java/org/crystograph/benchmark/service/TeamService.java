package org.crystograph.benchmark.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.crystograph.benchmark.store.TeamEntity;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Teams and their bearer tokens. A token is 32 random bytes (base64url); only its SHA-256 is stored. Team creation
 * needs the admin token from {@code crystograph.admin-token} (env {@code CRYSTOGRAPH_ADMIN_TOKEN}); there is no
 * default, so without it the admin operation is disabled.
 */
@ApplicationScoped
public class TeamService {

    private static final int TOKEN_BYTES = 32;
    private static final String TOKEN_PREFIX = "cgt_";
    private static final String BEARER = "Bearer ";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    EntityManager em;

    @ConfigProperty(name = "crystograph.admin-token")
    Optional<String> adminToken;

    /**
     * Creates a team after checking the admin token.
     *
     * @param authorization the request's Authorization header
     * @param name team name: 1-64 letters, digits, space, dot, dash or underscore
     */
    @Transactional
    public Views.CreatedTeam create(String authorization, String name) {
        String configured = adminToken.filter(t -> !t.isBlank()).orElseThrow(() -> new BenchmarkException(403,
                "admin-disabled", "Forbidden", "team creation is disabled: no admin token is configured "
                + "(CRYSTOGRAPH_ADMIN_TOKEN)", Map.of()));
        String given = bearer(authorization).orElseThrow(() -> BenchmarkException.unauthorized(
                "admin bearer token required"));
        if (!MessageDigest.isEqual(sha256(given).getBytes(StandardCharsets.US_ASCII),
                sha256(configured).getBytes(StandardCharsets.US_ASCII))) {
            throw new BenchmarkException(403, "forbidden", "Forbidden", "not the admin token", Map.of());
        }
        if (name == null || !name.matches("[A-Za-z0-9 ._-]{1,64}")) {
            throw BenchmarkException.invalid("invalid-team-name",
                    "team name must be 1-64 letters, digits, spaces, dots, dashes or underscores");
        }
        if (TeamEntity.count("name", name) > 0) {
            throw BenchmarkException.conflict("team-exists", "a team named '" + name + "' exists");
        }
        byte[] raw = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(raw);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        TeamEntity team = new TeamEntity();
        team.name = name;
        team.tokenSha256 = sha256(token);
        team.persist();
        return new Views.CreatedTeam(team.id, team.name, token);
    }

    /** The team owning the bearer token of an Authorization header, if any. */
    public Optional<TeamEntity> authenticate(String authorization) {
        return bearer(authorization).flatMap(t -> TeamEntity.<TeamEntity>find("tokenSha256", sha256(t))
                .firstResultOptional());
    }

    /** Like {@link #authenticate} but throws 401 when the token is missing or unknown. */
    public TeamEntity require(String authorization) {
        return authenticate(authorization).orElseThrow(() -> BenchmarkException.unauthorized(
                "a valid team bearer token is required (Authorization: Bearer <token>)"));
    }

    /**
     * Locks the team row until the end of the current transaction ({@code SELECT ... FOR UPDATE}), so that quota
     * counting and the insert of the next submission are serialised per team across all replicas.
     */
    public TeamEntity lock(long teamId) {
        return em.find(TeamEntity.class, teamId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Team name by id (for views). */
    public String name(Long teamId) {
        TeamEntity t = teamId == null ? null : TeamEntity.findById(teamId);
        return t == null ? null : t.name;
    }

    private static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(BEARER.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** SHA-256 of a string, hex. */
    public static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of bytes, hex. */
    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
