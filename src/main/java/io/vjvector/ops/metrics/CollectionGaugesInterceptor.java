package io.vjvector.ops.metrics;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** After a {@link ChangesCollections} operation (also a failed one: it may have half-happened), re-syncs the gauges. */
@ChangesCollections
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class CollectionGaugesInterceptor {

    private final CollectionPointsGauges gauges;

    public CollectionGaugesInterceptor(CollectionPointsGauges gauges) {
        this.gauges = gauges;
    }

    @AroundInvoke
    Object refreshAfter(InvocationContext ctx) throws Exception {
        try {
            return ctx.proceed();
        } finally {
            gauges.refresh();
        }
    }
}
