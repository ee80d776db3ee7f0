package dev.pipelinetriage.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipelinetriage.app.FailedRunEvent;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.CiLink;

/**
 * What a pending paste or delivery keeps, as JSON: the link's validated ids (never the pasted text, which could
 * carry anything), where to answer, and the delivery's metadata. No credential is ever part of it.
 */
final class WorkPayloads {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private WorkPayloads() {
    }

    record PlaceJson(String platform, String workspace, String channel, String thread) {
        static PlaceJson of(Place p) {
            return new PlaceJson(p.platform(), p.workspace(), p.channel(), p.thread());
        }

        Place place() {
            return new Place(platform, workspace, channel, thread);
        }
    }

    record LinkJson(String instance, String kind, String project, String runId, int attempt, String jobId) {
        static LinkJson of(CiLink l) {
            return new LinkJson(l.instance(), l.kind().wireName(), l.project(), l.runId(), l.attempt(), l.jobId());
        }

        CiLink link() {
            return new CiLink(instance, CiKind.fromWireName(kind), project, runId, attempt, jobId);
        }
    }

    /** A pasted link: where it was pasted, and the request id its log lines carry. */
    record Paste(PlaceJson place, LinkJson link, String requestId) {
        Paste(Place place, CiLink link, String requestId) {
            this(PlaceJson.of(place), LinkJson.of(link), requestId);
        }
    }

    /** A webhook's failure: the event's ids and the channel it was routed to (and why). */
    record Delivery(String source, String deliveryId, LinkJson link, String branch, String revision, PlaceJson place,
            String channelKey, String routedBy) {
        Delivery(FailedRunEvent e, Place place, String channelKey, String routedBy) {
            this(e.source(), e.deliveryId(), LinkJson.of(e.link()), e.branch(), e.revision(), PlaceJson.of(place),
                    channelKey, routedBy);
        }

        FailedRunEvent event() {
            return new FailedRunEvent(source, deliveryId, link.link(), branch, revision);
        }
    }

    static String write(Object payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + payload.getClass().getSimpleName(), e);
        }
    }

    /** Reads a payload this class wrote; a malformed one fails with the type it should have been. */
    static <T> T read(String payload, Class<T> type) {
        try {
            return JSON.readValue(payload, type);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("pending work is not a readable " + type.getSimpleName() + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
