package io.vjvector.cluster.coordination;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends a unary etcd call again, to the next member, when a member refused it for want of a
 * leader ({@code UNAVAILABLE: etcdserver: no leader}).
 *
 * <p>With the require-leader metadata ({@link EtcdClients}) etcd refuses such a call in its
 * gRPC interceptor, before any handler runs, so it was never applied and sending it again is safe
 * for writes too — which jetcd does not know: it retries only reads on {@code UNAVAILABLE}. Without
 * this, every write (a campaign, a leader recording its epoch, an in-sync change) that the client's
 * round robin hands to a member cut off from its quorum fails, and the caller's own back-off turns
 * a one-in-three chance per call into seconds of delay in a failover. Streams (watches, lease
 * keep-alives) are left alone: their owners start them again.
 *
 * <p>Each call is tried at most {@value #ATTEMPTS} times, {@value #PAUSE_MILLIS} ms apart (when
 * the whole cluster is electing a leader, the next member refuses too); the last refusal reaches
 * the caller. Answers are held until the call ends, so a refused attempt shows the caller nothing.
 */
final class RetryWithoutLeader implements ClientInterceptor {

    static final int ATTEMPTS = 3;
    static final long PAUSE_MILLIS = 50;

    @Override
    public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
        if (method.getType() != MethodDescriptor.MethodType.UNARY) {
            return next.newCall(method, options);
        }
        return new RetryingCall<>(method, options, next);
    }

    static boolean refusedWithoutLeader(Status status) {
        return status.getCode() == Status.Code.UNAVAILABLE && status.getDescription() != null
                && status.getDescription().contains("no leader");
    }

    /** One unary call: its request kept until it ends, so that it can be sent again. */
    private static final class RetryingCall<Q, A> extends ClientCall<Q, A> {

        private final MethodDescriptor<Q, A> method;
        private final CallOptions options;
        private final Channel channel;
        private Listener<A> listener;
        private Metadata headers;
        private Q request;
        private volatile ClientCall<Q, A> attempt;
        private volatile boolean cancelled;

        RetryingCall(MethodDescriptor<Q, A> method, CallOptions options, Channel channel) {
            this.method = method;
            this.options = options;
            this.channel = channel;
        }

        @Override
        public void start(Listener<A> listener, Metadata headers) {
            this.listener = listener;
            this.headers = headers;
        }

        @Override
        public void request(int messages) {
            // A unary call has one answer; each attempt asks for it itself.
        }

        @Override
        public void sendMessage(Q message) {
            this.request = message;
        }

        @Override
        public void halfClose() {
            send(1);
        }

        @Override
        public void cancel(String message, Throwable cause) {
            cancelled = true;
            ClientCall<Q, A> current = attempt;
            if (current != null) {
                current.cancel(message, cause);
            } else if (listener != null) {
                listener.onClose(Status.CANCELLED.withDescription(message).withCause(cause), new Metadata());
            }
        }

        @Override
        public boolean isReady() {
            return true;
        }

        private void send(int number) {
            ClientCall<Q, A> call = channel.newCall(method, options);
            attempt = call;
            if (cancelled) {
                call.cancel("cancelled", null);
            }
            Metadata sent = new Metadata();
            sent.merge(headers);
            call.start(new Listener<>() {
                private Metadata answerHeaders;
                private A answer;

                @Override
                public void onHeaders(Metadata h) {
                    answerHeaders = h;
                }

                @Override
                public void onMessage(A message) {
                    answer = message;
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                    if (!cancelled && number < ATTEMPTS && refusedWithoutLeader(status)) {
                        CompletableFuture.delayedExecutor(PAUSE_MILLIS, TimeUnit.MILLISECONDS).execute(() -> send(number + 1));
                        return;
                    }
                    if (answerHeaders != null) {
                        listener.onHeaders(answerHeaders);
                    }
                    if (answer != null) {
                        listener.onMessage(answer);
                    }
                    listener.onClose(status, trailers);
                }
            }, sent);
            call.request(1);
            call.sendMessage(request);
            call.halfClose();
        }
    }
}
