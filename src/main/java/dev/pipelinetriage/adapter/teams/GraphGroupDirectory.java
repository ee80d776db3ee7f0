package dev.pipelinetriage.adapter.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelinetriage.app.port.GroupDirectory;
import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entra ID group membership through Microsoft Graph {@code POST /v1.0/users/{id}/checkMemberGroups}, which
 * answers transitively (nested groups count) for up to 20 groups per call. Needs the application permission
 * {@code GroupMember.Read.All} in the bot's own tenant; users of other tenants cannot be looked up and so are
 * never members. Any failure is a {@link LookupFailed}, which denies.
 */
final class GraphGroupDirectory implements GroupDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(GraphGroupDirectory.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int PER_CALL = 20;

    private final OkHttpClient http;
    private final AppTokens tokens;
    private final HttpUrl graph;
    private final String tenant;
    private final ObjectMapper json = new ObjectMapper();

    GraphGroupDirectory(OkHttpClient http, AppTokens tokens, URI graphBase, String tenant) {
        this.http = Objects.requireNonNull(http, "http");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.graph = HttpUrl.get(graphBase.toString());
        this.tenant = Objects.requireNonNull(tenant, "tenant");
    }

    @Override
    public Membership memberships(String workspace, String user, List<String> groupIds) {
        if (!tenant.equalsIgnoreCase(workspace)) {
            return new LookupFailed("groups are only readable in the bot's own tenant");
        }
        if (!OBJECT_ID.matcher(user).matches()) {
            return new LookupFailed("the user has no Entra object id");
        }
        Set<String> in = new HashSet<>();
        for (int from = 0; from < groupIds.size(); from += PER_CALL) {
            List<String> batch = groupIds.subList(from, Math.min(groupIds.size(), from + PER_CALL));
            ObjectNode body = json.createObjectNode();
            batch.forEach(body.putArray("groupIds")::add);
            HttpUrl url = graph.newBuilder().addPathSegment("v1.0").addPathSegment("users").addPathSegment(user)
                    .addPathSegment("checkMemberGroups").build();
            try {
                Request request = new Request.Builder().url(url)
                        .header("Authorization", "Bearer " + tokens.token(AppTokens.GRAPH_SCOPE))
                        .post(RequestBody.create(json.writeValueAsBytes(body), JSON)).build();
                try (Response response = http.newCall(request).execute()) {
                    if (!response.isSuccessful()) {
                        if (response.code() == 401) {
                            tokens.invalidate(AppTokens.GRAPH_SCOPE);
                        }
                        LOG.warn("Microsoft Graph checkMemberGroups answered HTTP {}", response.code());
                        return new LookupFailed("Microsoft Graph answered HTTP " + response.code());
                    }
                    JsonNode answer = json.readTree(response.body().byteStream());
                    // Only ids that were asked about count, whatever else the answer lists.
                    answer.path("value").forEach(id -> {
                        if (batch.contains(id.asText())) {
                            in.add(id.asText());
                        }
                    });
                }
            } catch (IOException e) {
                LOG.warn("Microsoft Graph checkMemberGroups failed: {}", e.getClass().getSimpleName());
                return new LookupFailed("Microsoft Graph could not be reached");
            }
        }
        return new MemberOf(in);
    }
}
