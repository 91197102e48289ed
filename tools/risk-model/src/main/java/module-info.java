/**
 * Offline tools of the risk assessment (scripts/risk-model, scripts/corpus-report): never part of the gateway. It
 * writes what the gateway ships beside its risk policy — the letter tables from ICU4J and the learned model trained
 * with liblinear — and reports the policy's figures on the labelled corpus.
 */
module hub.gateway.tools.riskmodel {
    requires hub.gateway.application;
    requires com.ibm.icu;
    requires liblinear;
    requires java.management;
}
