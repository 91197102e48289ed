package hub.gateway.adapter.http;

import hub.gateway.domain.quota.Limits;
import hub.gateway.domain.quota.Usage;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.send.QuotaStanding;
import hub.gateway.domain.send.Refusal;

import java.time.Instant;
import java.time.ZoneOffset;

/** Where an instance stands after a send, for the edge's tests: the starter plan's limits, in UTC. */
final class Quotas {
    static final Limits STARTER = new Limits(100, 2000, 20);
    /** 10:00:30.5 UTC on Friday 8 May 2026: 29.5 s to the next minute, 13 h 59 min 29.5 s to midnight. */
    static final Instant AT = Instant.parse("2026-05-08T10:00:30.500Z");
    /** One send counted in each window. */
    static final QuotaStanding FIRST_SEND = standing(new Usage(1, 1, 1), AT);

    private Quotas() {
    }

    static QuotaStanding standing(Usage used, Instant at) {
        return new QuotaStanding(STARTER, used, UsageWindows.at(at, ZoneOffset.UTC));
    }

    static Refusal.SendingThrottled throttled() {
        return new Refusal.SendingThrottled(standing(new Usage(20, 63, 200), AT));
    }

    static Refusal.DailyLimitReached dailyReached() {
        return new Refusal.DailyLimitReached(standing(new Usage(4, 100, 200), AT));
    }

    static Refusal.MonthlyLimitReached monthlyReached() {
        return new Refusal.MonthlyLimitReached(standing(new Usage(4, 37, 2000), AT));
    }
}
