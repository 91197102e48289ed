/**
 * The gateway's business rules, in pure Java: nothing but java.base. One package per business
 * concept; the text-matching engine ({@code hub.gateway.domain.text}) is not exported.
 */
module hub.gateway.domain {
    exports hub.gateway.domain;
    exports hub.gateway.domain.account;
    exports hub.gateway.domain.message;
    exports hub.gateway.domain.operator;
    exports hub.gateway.domain.quota;
    exports hub.gateway.domain.risk;
    exports hub.gateway.domain.send;
    exports hub.gateway.domain.suppression;
    exports hub.gateway.domain.template;
    exports hub.gateway.domain.webhook;
}
