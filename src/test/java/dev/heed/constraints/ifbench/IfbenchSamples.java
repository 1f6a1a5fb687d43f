package dev.heed.constraints.ifbench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/** Every IFBench id with kwargs of the kind IFBench's prompts use (counts written as floats, as there). */
final class IfbenchSamples {
    private IfbenchSamples() {}

    private static final Map<String, String> WITH_KWARGS = Map.ofEntries(
            Map.entry("count:conjunctions", "{\"small_n\": 4.0}"),
            Map.entry("count:keywords_multiple", "{\"keyword1\": \"door\", \"keyword2\": \"bread\", \"keyword3\": \"blue\","
                    + " \"keyword4\": \"lamp\", \"keyword5\": \"river\"}"),
            Map.entry("count:numbers", "{\"N\": 13.0}"),
            Map.entry("count:person_names", "{\"N\": 10.0}"),
            Map.entry("count:pronouns", "{\"N\": 27.0}"),
            Map.entry("count:unique_word_count", "{\"N\": 55.0}"),
            Map.entry("count:word_count_range", "{\"min_words\": 81.0, \"max_words\": 93.0}"),
            Map.entry("count:words_japanese", "{\"N\": 5.0}"),
            Map.entry("format:list", "{\"sep\": \"!?!?\"}"),
            Map.entry("format:options", "{\"options\": \"yes/no/maybe\"}"),
            Map.entry("ratio:overlap", "{\"reference_text\": \"Is it easier to urbanize a jungle or a desert?\","
                    + " \"percentage\": 13.0}"),
            Map.entry("ratio:stop_words", "{\"percentage\": 20.0}"),
            Map.entry("repeat:repeat_change", "{\"prompt_to_repeat\": \"Write a python program to compress a JPEG.\"}"),
            Map.entry("repeat:repeat_span", "{\"prompt_to_repeat\": \"The walls are solid but the stones are cracked.\","
                    + " \"n_start\": 0, \"n_end\": 7}"),
            Map.entry("sentence:increment", "{\"small_n\": 2.0}"),
            Map.entry("sentence:keyword", "{\"word\": \"giraffe\", \"N\": 7.0}"),
            Map.entry("words:keywords_specific_position", "{\"keyword\": \"giggle\", \"n\": 22, \"m\": 33}"),
            Map.entry("words:repeats", "{\"small_n\": 4.0}"),
            Map.entry("words:words_position", "{\"keyword\": \"whisper\"}"));

    static final String[] IDS = {
        "count:conjunctions", "count:keywords_multiple", "count:numbers", "count:person_names", "count:pronouns",
        "count:punctuation", "count:unique_word_count", "count:word_count_range", "count:words_japanese",
        "custom:character_reverse", "custom:csv_city", "custom:csv_quotes", "custom:csv_special_character",
        "custom:date_format_list", "custom:european_capitals_sort", "custom:mcq_count_length", "custom:multiples",
        "custom:reverse_newline", "custom:sentence_alphabet", "custom:word_reverse", "format:emoji", "format:line_indent",
        "format:list", "format:newline", "format:no_bullets_bullets", "format:no_whitespace", "format:options",
        "format:output_template", "format:parentheses", "format:quote_unquote", "format:quotes", "format:sub-bullets",
        "format:thesis", "format:title_case", "ratio:overlap", "ratio:sentence_balance", "ratio:sentence_type",
        "ratio:sentence_words", "ratio:stop_words", "repeat:repeat_change", "repeat:repeat_simple", "repeat:repeat_span",
        "sentence:alliteration_increment", "sentence:increment", "sentence:keyword", "words:alphabet", "words:consonants",
        "words:keywords_specific_position", "words:last_first", "words:no_consecutive", "words:odd_even_syllables",
        "words:palindrome", "words:paragraph_last_first", "words:prime_lengths", "words:repeats", "words:start_verb",
        "words:vowel", "words:words_position",
    };

    /** Id to sample kwargs ({@code {}} for ids without any). */
    static Map<String, JsonNode> all() {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> out = new TreeMap<>();
        try {
            for (String id : IDS) {
                out.put(id, json.readTree(WITH_KWARGS.getOrDefault(id, "{}")));
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
