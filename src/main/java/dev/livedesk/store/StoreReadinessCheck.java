package dev.livedesk.store;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: the store answers. A replica whose store does not answer should get no traffic. */
@Readiness
@ApplicationScoped
public class StoreReadinessCheck implements HealthCheck {

    private final Stores stores;

    public StoreReadinessCheck(Stores stores) {
        this.stores = stores;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            long last = stores.events().lastEventId();
            return HealthCheckResponse.named("store").up()
                    .withData("kind", stores.kind())
                    .withData("lastEventId", last)
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("store").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
