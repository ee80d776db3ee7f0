package dev.pipelinetriage.adapter.teams;

import com.microsoft.bot.schema.Activity;
import dev.pipelinetriage.adapter.teams.ActivityReply.Done;
import dev.pipelinetriage.adapter.teams.ActivityReply.Ignored;
import dev.pipelinetriage.adapter.teams.ActivityReply.InvokeResponse;
import java.util.Objects;
import java.util.Optional;

/**
 * Verified activities, sent to the part that handles their kind: the tenant gate first (which also learns where
 * each conversation is), then messages and CI notifier posts, or the card's buttons. Identity comes only from the
 * verified activity: the Entra object id and the tenant, never a display name or anything the card carried.
 */
final class TeamsActivities {
    private final TenantGate gate;
    private final TeamsMessages messages;
    private final TeamsCardActions cardActions;

    TeamsActivities(TenantGate gate, TeamsMessages messages, TeamsCardActions cardActions) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.cardActions = Objects.requireNonNull(cardActions, "cardActions");
    }

    /** A verified activity that carries what {@link InboundActivity#incomplete} asks for. */
    ActivityReply handle(Activity activity) {
        boolean action = InboundActivity.isCardAction(activity);
        Optional<String> admitted = gate.admit(activity);
        if (admitted.isEmpty()) {
            return action ? InvokeResponse.message("This bot does not serve your organization.") : new Done();
        }
        String tenant = admitted.get();
        String type = activity.getType();
        if ((InboundActivity.MESSAGE.equals(type) || InboundActivity.MESSAGE_UPDATE.equals(type))
                && messages.fromNotifier(activity, tenant)) {
            return new Done();
        }
        if (InboundActivity.MESSAGE.equals(type)) {
            messages.fromPerson(activity, tenant);
            return new Done();
        }
        if (action) {
            return cardActions.handle(activity, tenant);
        }
        return new Ignored(InboundActivity.INVOKE.equals(type)
                ? "an invoke named '" + ActivityFields.loggable(activity.getName()) + "'"
                : "an activity of type '" + ActivityFields.loggable(type) + "'");
    }
}
