package dev.pipelinetriage.engine.redact;

import static dev.pipelinetriage.engine.redact.TokenFormat.Alphabet.ALNUM;
import static dev.pipelinetriage.engine.redact.TokenFormat.Alphabet.BASE64;
import static dev.pipelinetriage.engine.redact.TokenFormat.Alphabet.BASE64_DOTTED;
import static dev.pipelinetriage.engine.redact.TokenFormat.Alphabet.DOTTED;
import static dev.pipelinetriage.engine.redact.TokenFormat.Alphabet.HEX;
import static dev.pipelinetriage.engine.redact.TokenFormat.Alphabet.LETTERS;
import static dev.pipelinetriage.engine.redact.TokenFormat.Alphabet.LOWER_ALNUM;
import static dev.pipelinetriage.engine.redact.TokenFormat.Alphabet.PERCENT;
import static dev.pipelinetriage.engine.redact.TokenFormat.Alphabet.TOKEN;
import static dev.pipelinetriage.engine.redact.TokenFormat.Alphabet.UPPER_ALNUM;
import static dev.pipelinetriage.engine.redact.TokenFormat.exactly;
import static dev.pipelinetriage.engine.redact.TokenFormat.of;
import static dev.pipelinetriage.engine.redact.TokenFormat.withDigit;

import java.util.ArrayList;
import java.util.List;

/**
 * The inventory of prefixed token formats: what gitleaks' and detect-secrets' rule sets document for each vendor
 * (prefix, alphabet, length), one row a format. Lengths are minimums, a little below the documented length, so a
 * vendor lengthening its tokens does not turn them visible; a row with {@code exactly} is a short prefix that needs
 * the exact length to be told from text. A new format is one more row here and, by that alone, one more family of
 * cases in the secrets corpus test.
 *
 * <p>Formats without a literal prefix (AWS key ids' four letters aside) are regex rules in {@link DefaultRules}.
 */
final class TokenFormats {

    static final List<TokenFormat> ALL = List.of(
            // Source hosting and CI
            of("github-token", "ghp_", DOTTED, 30),
            of("github-token", "gho_", DOTTED, 30),
            of("github-token", "ghu_", DOTTED, 30),
            of("github-token", "ghs_", DOTTED, 30),
            of("github-token", "ghr_", DOTTED, 30),
            of("github-token", "github_pat_", DOTTED, 30),
            of("gitlab-token", "glpat-", DOTTED, 20),
            of("gitlab-token", "gldt-", DOTTED, 20),
            of("gitlab-token", "glrt-", DOTTED, 20),
            of("gitlab-token", "glrtr-", DOTTED, 20),
            of("gitlab-token", "glcbt-", DOTTED, 20),
            of("gitlab-token", "glptt-", DOTTED, 20),
            of("gitlab-token", "glft-", DOTTED, 20),
            of("gitlab-token", "glimt-", DOTTED, 20),
            of("gitlab-token", "glagent-", DOTTED, 20),
            of("gitlab-token", "glsoat-", DOTTED, 20),
            of("gitlab-token", "gloas-", DOTTED, 20),
            of("gitlab-token", "glffct-", DOTTED, 20),
            of("gitlab-token", "glwt-", DOTTED, 20),
            of("gitlab-token", "GR1348941", TOKEN, 20),
            of("bitbucket-token", "ATBB", ALNUM, 28),
            of("atlassian-token", "ATATT3", BASE64_DOTTED, 150),
            of("atlassian-token", "ATCTT3", BASE64_DOTTED, 150),
            of("buildkite-token", "bkua_", HEX, 40),
            of("circleci-token", "CCIPAT_", TOKEN, 40),
            of("sourcegraph-token", "sgp_", TOKEN, 40),
            of("sonarqube-token", "sqp_", HEX, 40),
            of("sonarqube-token", "squ_", HEX, 40),
            of("sonarqube-token", "sqa_", HEX, 40),
            // Chat
            of("slack-token", "xoxb-", TOKEN, 10),
            of("slack-token", "xoxp-", TOKEN, 10),
            of("slack-token", "xoxa-", TOKEN, 10),
            of("slack-token", "xoxe-", TOKEN, 10),
            of("slack-token", "xoxo-", TOKEN, 10),
            of("slack-token", "xoxr-", TOKEN, 10),
            of("slack-token", "xoxs-", TOKEN, 10),
            of("slack-token", "xoxe.xoxb-", TOKEN, 10),
            of("slack-token", "xoxe.xoxp-", TOKEN, 10),
            of("slack-token", "xapp-", TOKEN, 10),
            // Package registries
            of("npm-token", "npm_", ALNUM, 36),
            of("pypi-token", "pypi-AgE", TOKEN, 50),
            of("docker-token", "dckr_pat_", TOKEN, 20),
            of("docker-token", "dckr_oat_", TOKEN, 20),
            of("rubygems-token", "rubygems_", HEX, 48),
            of("clojars-token", "CLOJARS_", ALNUM, 60),
            exactly("nuget-key", "oy2", LOWER_ALNUM, 43),
            of("artifactory-key", "AKCp", ALNUM, 60),
            of("artifactory-token", "cmVmdGtu", ALNUM, 50),
            of("packagist-token", "packagist_", TOKEN, 60),
            // Clouds
            of("google-client-secret", "GOCSPX-", TOKEN, 20),
            of("google-oauth-token", "ya29.", TOKEN, 20),
            of("google-oauth-token", "1//0", TOKEN, 30),
            of("digitalocean-token", "dop_v1_", HEX, 64),
            of("digitalocean-token", "doo_v1_", HEX, 64),
            of("digitalocean-token", "dor_v1_", HEX, 64),
            exactly("alibaba-key", "LTAI", ALNUM, 20),
            of("heroku-key", "HRKU-AA", TOKEN, 50),
            of("flyio-token", "fo1_", TOKEN, 40),
            of("flyio-token", "fm1r_", BASE64_DOTTED, 80),
            of("flyio-token", "fm1a_", BASE64_DOTTED, 80),
            of("flyio-token", "fm2_", BASE64_DOTTED, 80),
            of("cloudflare-origin-ca-key", "v1.0-", TOKEN, 150),
            exactly("databricks-token", "dapi", HEX, 32),
            of("openshift-token", "sha256~", TOKEN, 43),
            of("supabase-token", "sbp_", HEX, 40),
            of("supabase-token", "sb_secret_", TOKEN, 30),
            of("netlify-token", "nfp_", ALNUM, 36),
            of("render-key", "rnd_", ALNUM, 30),
            of("tailscale-key", "tskey-", TOKEN, 30),
            of("scalingo-token", "tk-us-", TOKEN, 48),
            of("yandex-key", "AQVN", TOKEN, 35),
            of("dropbox-token", "sl.", TOKEN, 130),
            // Secrets managers and infrastructure
            of("vault-token", "hvs.", TOKEN, 24),
            of("vault-token", "hvb.", TOKEN, 24),
            of("vault-token", "hvr.", TOKEN, 24),
            exactly("vault-token", "s.", ALNUM, 24),
            of("doppler-token", "dp.pt.", ALNUM, 40),
            of("doppler-token", "dp.st.", DOTTED, 40),
            of("doppler-token", "dp.ct.", ALNUM, 40),
            of("doppler-token", "dp.sa.", ALNUM, 40),
            of("doppler-token", "dp.scim.", ALNUM, 40),
            of("doppler-token", "dp.audit.", ALNUM, 40),
            of("onepassword-token", "ops_eyJ", BASE64, 200),
            of("pulumi-token", "pul-", HEX, 40),
            of("age-secret-key", "AGE-SECRET-KEY-1", UPPER_ALNUM, 58),
            of("infracost-key", "ico-", ALNUM, 32),
            exactly("octopus-key", "API-", UPPER_ALNUM, 26),
            of("planetscale-token", "pscale_tkn_", DOTTED, 32),
            of("planetscale-token", "pscale_pw_", DOTTED, 32),
            of("planetscale-token", "pscale_oauth_", DOTTED, 32),
            of("prefect-key", "pnu_", ALNUM, 36),
            // Payments and commerce
            of("stripe-key", "sk_live_", ALNUM, 10),
            of("stripe-key", "sk_test_", ALNUM, 10),
            of("stripe-key", "sk_prod_", ALNUM, 10),
            of("stripe-key", "rk_live_", ALNUM, 10),
            of("stripe-key", "rk_test_", ALNUM, 10),
            of("stripe-key", "rk_prod_", ALNUM, 10),
            of("stripe-webhook-secret", "whsec_", ALNUM, 32),
            of("square-token", "sq0atp-", TOKEN, 22),
            of("square-token", "sq0csp-", TOKEN, 40),
            of("square-token", "EAAA", TOKEN, 60),
            of("shopify-token", "shpat_", HEX, 32),
            of("shopify-token", "shpca_", HEX, 32),
            of("shopify-token", "shppa_", HEX, 32),
            of("shopify-token", "shpss_", HEX, 32),
            of("flutterwave-key", "FLWSECK_TEST-", TOKEN, 32),
            of("flutterwave-key", "FLWSECK-", TOKEN, 32),
            of("gocardless-token", "live_", TOKEN, 40),
            of("duffel-token", "duffel_test_", TOKEN, 43),
            of("duffel-token", "duffel_live_", TOKEN, 43),
            of("shippo-token", "shippo_live_", HEX, 40),
            of("shippo-token", "shippo_test_", HEX, 40),
            of("easypost-key", "EZAK", ALNUM, 54),
            of("easypost-key", "EZTK", ALNUM, 54),
            // AI
            of("openai-key", "sk-proj-", TOKEN, 40),
            of("openai-key", "sk-svcacct-", TOKEN, 40),
            of("openai-key", "sk-admin-", TOKEN, 40),
            of("openai-key", "sk-None-", TOKEN, 40),
            withDigit("openai-key", "sk-", ALNUM, 32),
            of("anthropic-key", "sk-ant-api03-", TOKEN, 80),
            of("anthropic-key", "sk-ant-admin01-", TOKEN, 80),
            of("anthropic-key", "sk-ant-oat01-", TOKEN, 80),
            of("huggingface-token", "hf_", LETTERS, 34),
            of("huggingface-token", "api_org_", LETTERS, 34),
            of("groq-key", "gsk_", ALNUM, 50),
            of("xai-key", "xai-", ALNUM, 70),
            of("perplexity-key", "pplx-", ALNUM, 48),
            of("replicate-token", "r8_", ALNUM, 37),
            of("langsmith-key", "lsv2_pt_", TOKEN, 40),
            of("langsmith-key", "lsv2_sk_", TOKEN, 40),
            of("pinecone-key", "pcsk_", TOKEN, 60),
            withDigit("elevenlabs-key", "sk_", HEX, 48),
            // Observability
            of("sentry-token", "sntrys_", BASE64_DOTTED, 60),
            of("sentry-token", "sntryu_", HEX, 64),
            of("grafana-token", "glc_", BASE64, 32),
            of("grafana-token", "glsa_", TOKEN, 32),
            of("newrelic-key", "NRAK-", UPPER_ALNUM, 27),
            of("newrelic-key", "NRII-", TOKEN, 32),
            of("newrelic-key", "NRJS-", HEX, 19),
            of("dynatrace-token", "dt0c01.", DOTTED, 80),
            // Mail, messaging and productivity
            of("sendgrid-key", "SG.", DOTTED, 60),
            exactly("mailgun-key", "key-", HEX, 32),
            exactly("twilio-key", "SK", HEX, 32),
            of("linear-key", "lin_api_", ALNUM, 40),
            of("linear-key", "lin_oauth_", HEX, 64),
            of("postman-key", "PMAK-", TOKEN, 50),
            of("readme-key", "rdme_", ALNUM, 70),
            of("typeform-token", "tfp_", DOTTED, 59),
            of("notion-token", "ntn_", ALNUM, 40),
            withDigit("notion-token", "secret_", ALNUM, 43),
            of("figma-token", "figd_", TOKEN, 40),
            of("contentful-token", "CFPAT-", TOKEN, 43),
            of("frameio-token", "fio-u-", TOKEN, 64),
            of("adobe-secret", "p8e-", ALNUM, 32),
            of("mapbox-token", "sk.eyJ", DOTTED, 80),
            of("facebook-token", "EAAM", ALNUM, 100),
            of("facebook-token", "EAAC", ALNUM, 100),
            of("twitter-token", "AAAAAAAAAAAAAAAAAAAAA", PERCENT, 50));

    private TokenFormats() {
    }

    /** The distinct prefixes, in inventory order. */
    static List<String> prefixes() {
        List<String> prefixes = new ArrayList<>();
        for (TokenFormat format : ALL) {
            if (!prefixes.contains(format.prefix())) {
                prefixes.add(format.prefix());
            }
        }
        return List.copyOf(prefixes);
    }
}
