package hub.gateway.domain.suppression;

/** What an inbound text asks of the gateway. */
public enum InboundIntent {
    OPT_OUT,
    OPT_IN,
    /** Anything else, including sentences that merely contain a keyword. */
    NONE
}
