package dev.pipelinetriage.adapter.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The Bot Framework's side, for tests: locally generated RSA keys, the OpenID metadata and key documents served
 * by WireMock (shape: "Authentication with the Bot Connector API", openid-configuration example), and tokens
 * signed like the connector signs them, with every claim open to mutation.
 */
final class BotFrameworkFakes {
    static final String APP_ID = "6f1b1f3e-8c4d-4a55-9b8e-2f0d2c7a9e11";
    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String METADATA_PATH = "/v1/.well-known/openidconfiguration";
    static final String KEYS_PATH = "/v1/.well-known/keys";
    private static final ObjectMapper JSON = new ObjectMapper();

    final RSAKey teamsKey = Keys.TEAMS;
    /** Published, but endorsed for another channel only. */
    final RSAKey otherChannelKey = Keys.OTHER_CHANNEL;
    /** Never published. */
    final RSAKey unpublishedKey = Keys.UNPUBLISHED;

    /** Generated once for every test (each RSA key takes a good part of a second), fixed values after that. */
    private static final class Keys {
        static final RSAKey TEAMS = generate("teams-key");
        static final RSAKey OTHER_CHANNEL = generate("webchat-key");
        static final RSAKey UNPUBLISHED = generate("unknown-key");
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String fixture(String path) {
        try {
            return Files.readString(Path.of("src/test/resources/fixtures", path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves the documented metadata document with {@code jwks_uri} pointing at the key document. */
    void serveMetadata(WireMockServer login) {
        try {
            ObjectNode metadata = (ObjectNode) JSON.readTree(fixture("teams/documented/openid-configuration.200.json"));
            metadata.put("jwks_uri", login.baseUrl() + KEYS_PATH);
            login.stubFor(get(METADATA_PATH).willReturn(okJson(metadata.toString())));
            ObjectNode keys = JSON.createObjectNode();
            var list = keys.putArray("keys");
            list.add(jwk(teamsKey, "msteams"));
            list.add(jwk(otherChannelKey, "webchat"));
            login.stubFor(get(KEYS_PATH).willReturn(okJson(keys.toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void metadataDown(WireMockServer login) {
        login.stubFor(get(METADATA_PATH).willReturn(aResponse().withStatus(500)));
        login.stubFor(get(KEYS_PATH).willReturn(aResponse().withStatus(500)));
    }

    /** The documented token response, for the app's client-credentials request. */
    static void serveTokens(WireMockServer login, String tenant) {
        login.stubFor(post(urlPathEqualTo("/" + tenant + "/oauth2/v2.0/token"))
                .willReturn(okJson(fixture("teams/documented/token.200.json"))));
    }

    private static ObjectNode jwk(RSAKey key, String... endorsements) {
        ObjectNode node = JSON.valueToTree(key.toPublicJWK().toJSONObject());
        var list = node.putArray("endorsements");
        for (String e : endorsements) {
            list.add(e);
        }
        return node;
    }

    /** Claims as the connector sends them, valid at {@code now}. */
    static JWTClaimsSet.Builder claims(Instant now, String serviceUrl) {
        return new JWTClaimsSet.Builder().issuer(InboundAuth.ISSUER).audience(APP_ID)
                .notBeforeTime(Date.from(now.minusSeconds(10))).expirationTime(Date.from(now.plus(Duration.ofMinutes(60))))
                .claim("serviceurl", serviceUrl);
    }

    String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String valid(Instant now, String serviceUrl, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(teamsKey, change.apply(claims(now, serviceUrl)).build());
    }

    /** HS256 with the RSA public key as the secret: the classic algorithm-confusion forgery. */
    String hs256WithPublicKey(Instant now, String serviceUrl) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(teamsKey.getKeyID()).build(),
                    claims(now, serviceUrl).build());
            jwt.sign(new MACSigner(teamsKey.toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String unsigned(Instant now, String serviceUrl) {
        return new PlainJWT(claims(now, serviceUrl).build()).serialize();
    }

    /**
     * The documented message activity with a mention, addressed to our bot in a channel of {@code tenant}, from
     * {@code user}, with {@code text}.
     */
    static ObjectNode message(String id, String serviceUrl, String conversationId, String tenant, String userObjectId,
            String text) {
        try {
            ObjectNode activity = (ObjectNode) JSON.readTree(fixture("teams/documented/message-activity-with-mention.json"));
            activity.put("id", id).put("serviceUrl", serviceUrl).put("text", "<at>Pipeline Triage</at> " + text);
            activity.remove("attachments");
            activity.remove("replyToId");
            ObjectNode from = activity.putObject("from");
            from.put("id", "29:" + userObjectId).put("name", "Jane Smith").put("aadObjectId", userObjectId);
            activity.putObject("recipient").put("id", "28:" + APP_ID).put("name", "Pipeline Triage");
            activity.putObject("conversation").put("id", conversationId).put("conversationType", "channel")
                    .put("isGroup", true).put("tenantId", tenant);
            var mention = (ObjectNode) activity.get("entities").get(0);
            mention.put("text", "<at>Pipeline Triage</at>");
            mention.putObject("mentioned").put("id", "28:" + APP_ID).put("name", "Pipeline Triage");
            activity.putObject("channelData").putObject("tenant").put("id", tenant);
            return activity;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An {@code adaptiveCard/action} invoke (shape: the Universal Actions docs' invoke snippet). */
    static ObjectNode invoke(String id, String serviceUrl, String conversationId, String tenant, String userObjectId,
            String replyToId, String verb, Map<String, String> data) {
        ObjectNode activity = message(id, serviceUrl, conversationId, tenant, userObjectId, "");
        activity.put("type", "invoke").put("name", "adaptiveCard/action").put("replyToId", replyToId);
        activity.remove("text");
        activity.remove("entities");
        ObjectNode action = activity.putObject("value").putObject("action");
        action.put("type", "Action.Execute").put("id", "a-" + id).put("verb", verb);
        ObjectNode d = action.putObject("data");
        data.forEach(d::put);
        return activity;
    }

    /**
     * The Adaptive Cards the bot showed in the conversation whose activities are at {@code activities}: posted as
     * replies or put in place of an earlier message, in the order the connector received them.
     */
    static List<LoggedRequest> cardsShown(WireMockServer connector, String activities) {
        return connector.findAll(anyRequestedFor(urlPathMatching(activities + "/.+"))
                .withRequestBody(containing(AdaptiveCards.CONTENT_TYPE)));
    }

    static List<String> verbs(com.fasterxml.jackson.databind.JsonNode card) {
        return card.findValues("verb").stream().map(v -> v.asText()).toList();
    }

    /**
     * A {@code serve} configuration: a GitHub instance at {@code github}, the embedded store in {@code store}, and a
     * teams section whose Microsoft endpoints are the fakes at {@code login} and {@code connector}.
     *
     * @param teamsKeys further keys of the teams section, each line indented by two spaces
     * @param sections further top-level sections
     */
    static String serveConfig(String github, java.nio.file.Path store, String login, String connector, String teamsKeys,
            String sections) {
        return """
                ci:
                  instances:
                    - name: github
                      type: github
                      webUrl: https://github.com
                      apiUrl: %1$s/api/v3
                      logHosts: [127.0.0.1]
                      token: {env: GITHUB_TOKEN}
                store:
                  directory: %2$s
                teams:
                  appId: %3$s
                  appPassword: {env: TEAMS_APP_PASSWORD}
                  tenant: %4$s
                  allowedTenants: [%4$s]
                  openIdMetadataUrl: %5$s%6$s
                  loginBaseUrl: %5$s
                  graphBaseUrl: %5$s
                  testServiceUrl: %7$s
                """.formatted(github, store, APP_ID, TENANT, login, METADATA_PATH, connector) + teamsKeys + sections;
    }
}
