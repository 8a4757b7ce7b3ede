package io.vjvector.engine.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading, reporting and encoding {@code field_schema}. */
class PayloadFieldSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static PayloadFieldSchema parse(String text) {
        return PayloadFieldSchema.parse(json(text), "field_schema");
    }

    @Test
    void bareTypeNamesHaveNoParamsAndEncodeAsTheName() {
        for (PayloadSchemaType type : PayloadSchemaType.values()) {
            PayloadFieldSchema schema = parse("'" + type.qdrantName() + "'");
            assertFalse(schema.hasParams());
            assertNull(schema.paramsJson());
            assertEquals(type.qdrantName(), schema.encode());
            assertEquals(schema, PayloadFieldSchema.decode(type.qdrantName()));
        }
        assertEquals(TextIndexParams.DEFAULT, parse("'text'").text());
    }

    @Test
    void paramsAreReportedAsGivenAndRoundTripThroughTheEncoding() {
        String[] schemas = {
            "{'type': 'text', 'tokenizer': 'prefix', 'min_token_len': 2, 'max_token_len': 10, 'lowercase': false,"
                    + " 'ascii_folding': true, 'phrase_matching': true, 'stopwords': {'languages': ['english', 'german'],"
                    + " 'custom': ['x']}, 'stemmer': {'type': 'snowball', 'language': 'english'}, 'on_disk': true}",
            "{'type': 'text', 'tokenizer': 'word', 'stopwords': 'english'}",
            "{'type': 'text', 'tokenizer': 'whitespace', 'stopwords': ['a', 'b']}",
            "{'type': 'keyword', 'is_tenant': true, 'on_disk': true}",
            "{'type': 'integer', 'lookup': true, 'range': false, 'is_principal': true}",
            "{'type': 'uuid', 'is_tenant': false}",
            "{'type': 'geo', 'on_disk': false}",
            "{'type': 'datetime', 'is_principal': true, 'enable_hnsw': false}",
        };
        for (String text : schemas) {
            PayloadFieldSchema schema = parse(text);
            assertTrue(schema.hasParams());
            assertEquals(json(text), schema.paramsJson(), text);
            assertTrue(schema.encode().startsWith("{"));
            assertEquals(schema, PayloadFieldSchema.decode(schema.encode()), text);
        }
    }

    @Test
    void aTextObjectWithoutTokenizerReportsQdrantsDefaultTokenizer() {
        assertEquals(json("{'type': 'text', 'tokenizer': 'word', 'lowercase': true}"),
                parse("{'type': 'text', 'lowercase': true}").paramsJson());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'type': 'text', 'tokenizer': 'ngram'}                          | field_schema.tokenizer     | must be one of",
        "{'type': 'text', 'min_token_len': 5, 'max_token_len': 2}         | field_schema.min_token_len | must not exceed",
        "{'type': 'text', 'min_token_len': -1}                           | field_schema.min_token_len | integer",
        "{'type': 'text', 'max_token_len': 0}                            | field_schema.max_token_len | at least 1",
        "{'type': 'text', 'stemmer': {'type': 'snowball', 'language': 'klingon'}} | field_schema.stemmer.language | must be one of",
        "{'type': 'text', 'stemmer': {'type': 'porter'}}                 | field_schema.stemmer       | snowball",
        "{'type': 'text', 'stopwords': 'klingon'}                        | field_schema.stopwords     | stopword list",
        "{'type': 'text', 'stopwords': {'languages': ['english', 'x']}}  | field_schema.stopwords.languages[1] | stopword list",
        "{'type': 'text', 'stopwords': {'other': []}}                    | field_schema.stopwords.other | unknown field",
        "{'type': 'text', 'stopwords': [1]}                              | field_schema.stopwords[0]  | word",
        "{'type': 'text', 'lowercase': 'yes'}                            | field_schema.lowercase     | true or false",
        "{'type': 'keyword', 'tokenizer': 'word'}                        | field_schema.tokenizer     | only to a text index",
        "{'type': 'keyword', 'is_principal': true}                       | field_schema.is_principal  | unknown field for a keyword index",
        "{'type': 'integer', 'lookup': false, 'range': false}            | field_schema               | lookup or range",
        "{'type': 'vector'}                                              | field_schema.type          | must be one of",
        "\"strings\"                                                     | field_schema               | must be one of",
        "42                                                              | field_schema               | type name",
    })
    void badSchemasNameTheField(String schema, String path, String rule) {
        FilterException e = assertThrows(FilterException.class, () -> parse(schema));
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.getMessage().contains(rule), e.getMessage());
    }

    @Test
    void decodingGarbageIsAnIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> PayloadFieldSchema.decode("{not json"));
        assertThrows(IllegalArgumentException.class, () -> PayloadFieldSchema.decode("vector"));
    }
}
