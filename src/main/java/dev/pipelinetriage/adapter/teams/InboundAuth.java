package dev.pipelinetriage.adapter.teams;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Checks the token the Bot Connector sends with every request, as "Authentication with the Bot Connector API"
 * asks of bots that write their own: bearer scheme, RS256 by a key from the OpenID metadata, issuer, audience =
 * our app id, expiry and not-before with 5 minutes of skew, the {@code serviceurl} claim equal to the activity's
 * {@code serviceUrl}, and the key endorsed for the activity's channel (which must be {@code msteams}; the retired
 * SDK let an empty channel pass). Only after this check is the activity's {@code serviceUrl} trusted.
 *
 * <p>Two steps, so that the token is judged before anything reads the body: {@link #token} checks what the token
 * says by itself, {@link #bind} whether it was issued for the activity it came with.
 */
final class InboundAuth {
    static final String ISSUER = "https://api.botframework.com";
    static final String CHANNEL = "msteams";
    static final Duration SKEW = Duration.ofMinutes(5);
    private static final int MAX_TOKEN_CHARS = 16 * 1024;

    private final OpenIdKeys keys;
    private final String appId;
    private final Clock clock;

    InboundAuth(OpenIdKeys keys, String appId, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.appId = Objects.requireNonNull(appId, "appId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The token alone: {@link Token}, {@link Rejected} or {@link KeysUnavailable}. */
    sealed interface TokenResult {
    }

    /** The token and the activity it came with: {@link Authenticated} or {@link Rejected}. */
    sealed interface Binding {
    }

    /**
     * A token signed by a Bot Framework key, for this bot, in date; not yet bound to an activity.
     *
     * @param serviceUrl the {@code serviceurl} claim
     * @param endorsements the channels its signing key is endorsed for
     */
    record Token(String kid, String serviceUrl, Set<String> endorsements) implements TokenResult {
        Token {
            Objects.requireNonNull(kid, "kid");
            Objects.requireNonNull(serviceUrl, "serviceUrl");
            endorsements = Set.copyOf(endorsements);
        }
    }

    record Authenticated() implements Binding {
    }

    /** 401; {@code reason} is for our log only (it names the failed check, never the token). */
    record Rejected(String reason) implements TokenResult, Binding {
    }

    /** No signing keys could be loaded: 503, so the connector retries later. */
    record KeysUnavailable() implements TokenResult {
    }

    /** What the {@code Authorization} header's token says by itself; reads nothing of the body. */
    TokenResult token(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Rejected("no bearer token");
        }
        String token = authorization.substring(7).strip();
        if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return new Rejected("empty or oversized token");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            // Also what an alg:none token ends as: it is an unsecured JWT, not a signed one.
            return new Rejected("not a signed JWT");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            return new Rejected("algorithm " + jwt.getHeader().getAlgorithm() + " is not RS256");
        }
        String kid = jwt.getHeader().getKeyID();
        if (kid == null) {
            return new Rejected("token without kid");
        }
        OpenIdKeys.SigningKey key;
        switch (keys.key(kid)) {
            case OpenIdKeys.Found found -> key = found.key();
            case OpenIdKeys.Unknown unknown -> {
                return new Rejected("unknown signing key " + kid);
            }
            case OpenIdKeys.Unavailable unavailable -> {
                return new KeysUnavailable();
            }
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(key.key()))) {
                return new Rejected("bad signature");
            }
        } catch (JOSEException e) {
            return new Rejected("signature not verifiable: " + e.getClass().getSimpleName());
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return new Rejected("unreadable claims");
        }
        if (!ISSUER.equals(claims.getIssuer())) {
            return new Rejected("issuer '" + claims.getIssuer() + "'");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(appId)) {
            return new Rejected("audience is not this bot's app id");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null || now.isAfter(exp.toInstant().plus(SKEW))) {
            return new Rejected("expired or without expiry");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant().minus(SKEW))) {
            return new Rejected("not yet valid");
        }
        if (!(claims.getClaim("serviceurl") instanceof String claimed) || claimed.isBlank()) {
            return new Rejected("token without serviceurl claim");
        }
        return new Token(kid, claimed, key.endorsements());
    }

    /** Whether {@code token} was issued for the activity it came with: its channel and its connector. */
    Binding bind(Token token, String serviceUrl, String channelId) {
        if (!CHANNEL.equals(channelId)) {
            return new Rejected("channel '" + channelId + "' is not msteams");
        }
        if (serviceUrl == null || serviceUrl.isBlank()) {
            return new Rejected("activity without serviceUrl");
        }
        if (!token.endorsements().contains(channelId)) {
            return new Rejected("signing key " + token.kid() + " is not endorsed for " + channelId);
        }
        if (!sameServiceUrl(token.serviceUrl(), serviceUrl)) {
            return new Rejected("serviceurl claim does not match the activity's serviceUrl");
        }
        return new Authenticated();
    }

    /** Case-insensitive, as the connector's own validation; a trailing slash is not a different service. */
    private static boolean sameServiceUrl(String claimed, String activity) {
        return strip(claimed).equals(strip(activity));
    }

    private static String strip(String url) {
        return url.strip().replaceAll("/+$", "").toLowerCase(Locale.ROOT);
    }
}
