package dev.pipelinetriage.adapter.teams;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** How the endpoint answers a verified activity. */
sealed interface ActivityReply {

    /** 200 without a body. */
    record Done() implements ActivityReply {
    }

    /** 200 without a body, for an activity of a kind the bot has no use for; {@code what} names it in the log. */
    record Ignored(String what) implements ActivityReply {
    }

    /** 200 with an invoke response body. */
    record InvokeResponse(ObjectNode body) implements ActivityReply {

        /** The card to show in place of the one whose button was pressed. */
        static InvokeResponse card(ObjectNode card) {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("statusCode", 200)
                    .put("type", AdaptiveCards.CONTENT_TYPE);
            body.set("value", card);
            return new InvokeResponse(body);
        }

        /** A message for the person who pressed the button. */
        static InvokeResponse message(String text) {
            return new InvokeResponse(JsonNodeFactory.instance.objectNode().put("statusCode", 200)
                    .put("type", "application/vnd.microsoft.activity.message").put("value", text));
        }
    }
}
