package hub.gateway.application.port.out;

import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.risk.BehaviourFacts;

import java.time.Duration;

/**
 * What an instance has done lately. Rates over dozens of sends change slowly, so an implementation may
 * answer from a cache: the send path then pays no round trip for them. It must see at once what this node
 * itself records (a failed delivery, an opt-out), and what other nodes record within half a minute.
 */
public interface RiskFacts {
    /**
     * @param lastDeliveries           how many of the instance's latest transport outcomes to count
     * @param optOutWindow             how far back opt-outs and distinct recipients are counted
     * @param optOutsBeforeRecipients  distinct recipients are counted only once the instance has at least this
     *                                 many opt-outs in the window (and are 0 otherwise): no rule divides by them
     *                                 sooner, and counting them reads every message of the window
     */
    BehaviourFacts recentBehaviour(InstanceId instanceId, int lastDeliveries, Duration optOutWindow,
                                   int optOutsBeforeRecipients);
}
