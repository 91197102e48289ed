/** The gateway's business rules, in pure Java: nothing but java.base. */
module hub.gateway.domain {
    exports hub.gateway.domain;
}
