/**
 * Secret redaction for everything that leaves the process: {@link dev.pipelinetriage.engine.redact.Redactor}.
 *
 * <p>Decisions, and why:
 * <ul>
 *   <li><b>Markers name the kind and keep nothing of the value</b>: {@code [REDACTED:github-token]}, not
 *       {@code ghp_…}. The kind already says what the prefix would; any kept character is one a reader (or an
 *       attacker correlating several excerpts) did not need. What surrounds the value stays: the key in
 *       {@code password=}, the scheme, user and host of a URL, a private key's BEGIN/END lines.</li>
 *   <li><b>Inventories, not a list grown case by case</b>: token formats are rows of
 *       {@link dev.pipelinetriage.engine.redact.TokenFormats} (prefix, alphabet, length), command line tools rows of
 *       {@link dev.pipelinetriage.engine.redact.CommandOptions}; the secrets corpus test generates its cases from the
 *       former and counts leaks and false masks per family (docs/redaction.md).</li>
 *   <li><b>Vendor rules before generic ones</b>, so {@code GITHUB_TOKEN=ghp_...} names the vendor, and every rule
 *       skips values that are already markers or masks ({@code ***}, {@code [MASKED]}) or references
 *       ({@code $TOKEN}, {@code ${{ secrets.X }}}): together these make redaction idempotent.</li>
 *   <li><b>One output line per input line</b>: a key block becomes a run of marker lines; nothing is joined or
 *       dropped, so line numbers and excerpt cuts stay valid.</li>
 *   <li><b>Linear time</b>: possessive or bounded quantifiers only; a rule's regex runs only where its trigger
 *       literal occurs (java.util.regex has no linear-time guarantee, so the patterns carry it).</li>
 *   <li><b>Key names match as word parts</b> ({@code MY_SECRET_VALUE}, {@code db_pass}), minus words that say
 *       the value is about the secret ({@code _url}, {@code _length}, {@code PublicKeyToken}); an
 *       {@code Authorization:} header hides everything after its scheme word, whatever the scheme, since new
 *       schemes keep appearing and all of them carry credentials.</li>
 *   <li><b>Favour hiding over showing</b> where a format is ambiguous ({@code token: value} in prose is hidden),
 *       except for forms that are mostly not secrets: {@code -p} flags, bare {@code key=}, {@code PWD=}, words
 *       like {@code bypass}, values that end in {@code (} (source code in compiler errors).</li>
 * </ul>
 */
package dev.pipelinetriage.engine.redact;
