package io.vjvector.rag;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.vjvector.collection.TextConfig;
import io.vjvector.config.LlmConfig;
import io.vjvector.document.ChunkHit;
import io.vjvector.document.DocumentSearch;
import io.vjvector.document.SearchMode;
import io.vjvector.embedding.ProviderGuard;
import io.vjvector.embedding.ProviderPolicy;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Retrieval-augmented answers: hybrid retrieval, a prompt whose context passages are numbered,
 * and an OpenAI-compatible chat completion (under the same timeout, retry and circuit breaker as
 * remote embedding models) when {@code vjvector.llm.base-url} is set. Without an LLM the caller
 * gets the numbered context and citations with a null answer.
 */
@ApplicationScoped
public class RagService {

    static final String SYSTEM = "Answer the question using only the numbered context passages. "
            + "Cite the passages you use as [n]. If the context does not contain the answer, say so.";

    private final DocumentSearch search;
    private final ChatModel chat;
    private final StreamingChatModel streaming;
    private final ProviderGuard guard;
    private final String llm;
    private final Duration timeout;

    public RagService(DocumentSearch search, LlmConfig config) {
        this.search = search;
        if (config.baseUrl().isPresent()) {
            this.chat = OpenAiChatModel.builder()
                    .baseUrl(config.baseUrl().get())
                    .apiKey(config.apiKey().orElse("none"))
                    .modelName(config.model())
                    .temperature(config.temperature())
                    .timeout(config.timeout())
                    .maxRetries(0)
                    .build();
            this.streaming = OpenAiStreamingChatModel.builder()
                    .baseUrl(config.baseUrl().get())
                    .apiKey(config.apiKey().orElse("none"))
                    .modelName(config.model())
                    .temperature(config.temperature())
                    .timeout(config.timeout())
                    .build();
            ProviderPolicy d = ProviderPolicy.DEFAULTS;
            this.guard = new ProviderGuard("LLM '" + config.model() + "'", new ProviderPolicy(config.timeout(), 1,
                    Duration.ofMillis(200), d.breakerWindow(), d.failureRatio(), d.breakerDelay()));
        } else {
            this.chat = null;
            this.streaming = null;
            this.guard = null;
        }
        this.llm = "LLM '" + config.model() + "'";
        this.timeout = config.timeout();
    }

    /** Whether an LLM is configured. */
    public boolean hasLlm() {
        return chat != null;
    }

    /** Retrieves context for {@code question} and answers it (answer null without an LLM). */
    public RagAnswer answer(String collection, TextConfig text, String question, int limit, JsonNode filter) {
        RagAnswer retrieved = retrieve(collection, text, question, limit, filter);
        if (chat == null) {
            return retrieved;
        }
        String prompt = prompt(retrieved, question);
        String answer = guard.call(() -> chat.chat(SystemMessage.from(SYSTEM), UserMessage.from(prompt)).aiMessage().text(),
                String.class);
        if (answer == null) {
            throw new VJVectorException(ErrorKind.UPSTREAM_FAILED, null, llm + " answered without text");
        }
        return new RagAnswer(answer, retrieved.citations(), retrieved.context());
    }

    /** The numbered context and citations for {@code question}, with a null answer. */
    public RagAnswer retrieve(String collection, TextConfig text, String question, int limit, JsonNode filter) {
        List<ChunkHit> hits = search.search(collection, text, question, limit, filter, SearchMode.HYBRID, false);
        List<RagAnswer.Citation> citations = new ArrayList<>();
        StringBuilder context = new StringBuilder();
        for (ChunkHit h : hits) {
            int n = citations.size() + 1;
            citations.add(new RagAnswer.Citation(n, h.documentId(), h.chunkIndex(), h.text(), h.score()));
            context.append('[').append(n).append("] ").append(h.text()).append("\n\n");
        }
        return new RagAnswer(null, citations, context.toString().strip());
    }

    /**
     * Streams the LLM's answer to {@code question} from {@code retrieved}'s context, handing each
     * token to {@code onToken} on the calling thread as it arrives, and returns the whole answer.
     * Waits at most the configured timeout for each token, so a stalled LLM ends the stream with
     * a 504 instead of holding the client; a stream that closes before the LLM says it finished
     * (no finish reason) is a 502, since the answer is cut short.
     *
     * @throws VJVectorException 502/503/504 naming the model; tokens already handed over stay sent
     */
    public String stream(RagAnswer retrieved, String question, Consumer<String> onToken) {
        if (streaming == null) {
            throw new IllegalStateException("no LLM configured");
        }
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        streaming.chat(List.of(SystemMessage.from(SYSTEM), UserMessage.from(prompt(retrieved, question))),
                new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String token) {
                        events.add(new Token(token));
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        events.add(response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        events.add(error);
                    }
                });
        StringBuilder answer = new StringBuilder();
        while (true) {
            Object event;
            try {
                event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VJVectorException(ErrorKind.UNAVAILABLE, null, "interrupted while streaming from " + llm, e);
            }
            if (event == null) {
                throw new VJVectorException(ErrorKind.UPSTREAM_TIMEOUT, null, llm + " sent nothing for "
                        + timeout.toMillis() + " ms while streaming its answer");
            }
            if (event instanceof Token t) {
                if (t.text() != null && !t.text().isEmpty()) {
                    answer.append(t.text());
                    onToken.accept(t.text());
                }
            } else if (event instanceof ChatResponse done) {
                if (done.finishReason() == null) {
                    throw new VJVectorException(ErrorKind.UPSTREAM_FAILED, null, llm
                            + " failed: its stream ended before the answer was finished");
                }
                return answer.toString();
            } else {
                throw guard.failure((Throwable) event);
            }
        }
    }

    private static String prompt(RagAnswer retrieved, String question) {
        return "Context:\n" + retrieved.context() + "\n\nQuestion: " + question;
    }

    /** A piece of a streamed answer (wrapped, so the queue tells it from the other events). */
    private record Token(String text) {
    }
}
