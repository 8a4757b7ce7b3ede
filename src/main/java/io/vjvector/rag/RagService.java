package io.vjvector.rag;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.vjvector.collection.TextConfig;
import io.vjvector.config.LlmConfig;
import io.vjvector.document.ChunkHit;
import io.vjvector.document.DocumentSearch;
import io.vjvector.document.SearchMode;
import io.vjvector.embedding.ProviderGuard;
import io.vjvector.embedding.ProviderPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
    private final ProviderGuard guard;

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
            ProviderPolicy d = ProviderPolicy.DEFAULTS;
            this.guard = new ProviderGuard("LLM '" + config.model() + "'", new ProviderPolicy(config.timeout(), 1,
                    Duration.ofMillis(200), d.breakerWindow(), d.failureRatio(), d.breakerDelay()));
        } else {
            this.chat = null;
            this.guard = null;
        }
    }

    /** Whether an LLM is configured. */
    public boolean hasLlm() {
        return chat != null;
    }

    /** Retrieves context for {@code question} and answers it (answer null without an LLM). */
    public RagAnswer answer(String collection, TextConfig text, String question, int limit, JsonNode filter) {
        List<ChunkHit> hits = search.search(collection, text, question, limit, filter, SearchMode.HYBRID, false);
        List<RagAnswer.Citation> citations = new ArrayList<>();
        StringBuilder context = new StringBuilder();
        for (ChunkHit h : hits) {
            int n = citations.size() + 1;
            citations.add(new RagAnswer.Citation(n, h.documentId(), h.chunkIndex(), h.text(), h.score()));
            context.append('[').append(n).append("] ").append(h.text()).append("\n\n");
        }
        String ctx = context.toString().strip();
        if (chat == null) {
            return new RagAnswer(null, citations, ctx);
        }
        String prompt = "Context:\n" + ctx + "\n\nQuestion: " + question;
        String answer = guard.call(() -> chat.chat(SystemMessage.from(SYSTEM), UserMessage.from(prompt)).aiMessage().text(),
                String.class);
        if (answer == null) {
            throw new io.vjvector.error.VJVectorException(io.vjvector.error.ErrorKind.UPSTREAM_FAILED, null,
                    "LLM answered without text");
        }
        return new RagAnswer(answer, citations, ctx);
    }
}
