package dev.pipelinetriage.adapter.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The app package's manifest against the Teams app manifest reference (schema 1.17): bot scopes, the RSC
 * permission to read channel messages, and the icons' documented sizes (color 192x192, outline 32x32 white on
 * transparent).
 */
class TeamsManifestTest {
    private static final Path DIR = Path.of("manifest/teams");
    private static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Test
    void theManifestDeclaresTheBotInEveryScopeWithTheChannelMessageRscPermission() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(DIR.resolve("manifest.json").toFile());

        assertThat(Double.parseDouble(manifest.get("manifestVersion").asText())).isGreaterThanOrEqualTo(1.17);
        assertThat(manifest.get("$schema").asText()).contains("/v" + manifest.get("manifestVersion").asText() + "/");
        assertThat(manifest.get("id").asText()).matches(GUID);
        JsonNode bot = manifest.get("bots").get(0);
        assertThat(bot.get("botId").asText()).matches(GUID).isEqualTo(manifest.at("/webApplicationInfo/id").asText());
        assertThat(bot.get("scopes")).extracting(JsonNode::asText).containsExactlyInAnyOrder("team", "groupChat", "personal");
        assertThat(manifest.at("/authorization/permissions/resourceSpecific/0/name").asText()).isEqualTo("ChannelMessage.Read.Group");
        assertThat(manifest.at("/authorization/permissions/resourceSpecific/0/type").asText()).isEqualTo("Application");
        assertThat(manifest.at("/description/short").asText().length()).isLessThanOrEqualTo(80);
        assertThat(manifest.at("/name/short").asText().length()).isLessThanOrEqualTo(30);
    }

    @Test
    void theIconsHaveTheDocumentedSizesAndTheOutlineIsWhiteOnTransparent() throws IOException {
        BufferedImage color = ImageIO.read(DIR.resolve("color.png").toFile());
        BufferedImage outline = ImageIO.read(DIR.resolve("outline.png").toFile());

        assertThat(color.getWidth()).isEqualTo(192);
        assertThat(color.getHeight()).isEqualTo(192);
        assertThat(outline.getWidth()).isEqualTo(32);
        assertThat(outline.getHeight()).isEqualTo(32);
        int opaque = 0;
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int argb = outline.getRGB(x, y);
                int alpha = argb >>> 24;
                assertThat(alpha == 0 || (argb & 0xFFFFFF) == 0xFFFFFF).as("pixel %d,%d", x, y).isTrue();
                opaque += alpha == 0 ? 0 : 1;
            }
        }
        assertThat(opaque).isPositive();
    }
}
