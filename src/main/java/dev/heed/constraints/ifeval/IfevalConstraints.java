package dev.heed.constraints.ifeval;

import dev.heed.constraints.ConstraintRegistry;
import dev.heed.constraints.text.NltkEnglish;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The 25 instruction ids of IFEval's registry (google-research {@code instruction_following_eval}),
 * with the reference's checking semantics. The two ids that count sentences or NLTK word tokens read the
 * Punkt English model from the NLTK data locations, once, when the first such constraint is created.
 */
public final class IfevalConstraints {
    private IfevalConstraints() {}

    /** Every id {@link #registerAll} adds, in the reference's order of families. */
    public static final List<String> IDS = List.of(KeywordsExist.ID, KeywordFrequency.ID, ForbiddenWords.ID,
            LetterFrequency.ID, ResponseLanguage.ID, SentenceCount.ID, DividedParagraphs.ID, WordCount.ID,
            NthParagraphFirstWord.ID, Placeholders.ID, Postscript.ID, BulletLists.ID, ConstrainedResponse.ID,
            HighlightedSections.ID, MultipleSections.ID, JsonFormat.ID, Title.ID, TwoResponses.ID, RepeatPrompt.ID,
            EndPhrase.ID, CapitalWordFrequency.ID, EnglishCapital.ID, EnglishLowercase.ID, NoComma.ID, Quotation.ID);

    /** Registers the 25 ids, reading NLTK data from the standard locations ({@code $NLTK_DATA}, {@code ~/nltk_data}, ...). */
    public static void registerAll(ConstraintRegistry registry) {
        registerAll(registry, null);
    }

    /** Registers the 25 ids; {@code nltkData} (may be null) is searched for the Punkt model before the standard locations. */
    public static void registerAll(ConstraintRegistry registry, Path nltkData) {
        Supplier<NltkEnglish> nltk = memoize(() -> NltkEnglish.load(nltkData));
        registry.register(KeywordsExist.ID, (kw, prompt) -> KeywordsExist.create(kw))
                .register(KeywordFrequency.ID, (kw, prompt) -> KeywordFrequency.create(kw))
                .register(ForbiddenWords.ID, (kw, prompt) -> ForbiddenWords.create(kw))
                .register(LetterFrequency.ID, (kw, prompt) -> LetterFrequency.create(kw))
                .register(ResponseLanguage.ID, (kw, prompt) -> ResponseLanguage.create(kw))
                .register(SentenceCount.ID, (kw, prompt) -> SentenceCount.create(kw, nltk.get()))
                .register(DividedParagraphs.ID, (kw, prompt) -> DividedParagraphs.create(kw))
                .register(WordCount.ID, (kw, prompt) -> WordCount.create(kw))
                .register(NthParagraphFirstWord.ID, (kw, prompt) -> NthParagraphFirstWord.create(kw))
                .register(Placeholders.ID, (kw, prompt) -> Placeholders.create(kw))
                .register(Postscript.ID, (kw, prompt) -> Postscript.create(kw))
                .register(BulletLists.ID, (kw, prompt) -> BulletLists.create(kw))
                .register(ConstrainedResponse.ID, (kw, prompt) -> ConstrainedResponse.create(kw))
                .register(HighlightedSections.ID, (kw, prompt) -> HighlightedSections.create(kw))
                .register(MultipleSections.ID, (kw, prompt) -> MultipleSections.create(kw))
                .register(JsonFormat.ID, (kw, prompt) -> JsonFormat.create(kw))
                .register(Title.ID, (kw, prompt) -> Title.create(kw))
                .register(TwoResponses.ID, (kw, prompt) -> TwoResponses.create(kw))
                .register(RepeatPrompt.ID, (kw, prompt) -> RepeatPrompt.create(kw))
                .register(EndPhrase.ID, (kw, prompt) -> EndPhrase.create(kw))
                .register(CapitalWordFrequency.ID, (kw, prompt) -> CapitalWordFrequency.create(kw, nltk.get()))
                .register(EnglishCapital.ID, (kw, prompt) -> EnglishCapital.create(kw))
                .register(EnglishLowercase.ID, (kw, prompt) -> EnglishLowercase.create(kw))
                .register(NoComma.ID, (kw, prompt) -> NoComma.create(kw))
                .register(Quotation.ID, (kw, prompt) -> Quotation.create(kw));
    }

    /**
     * Four checker classes that exist in the reference's {@code instructions.py} but not in its registry,
     * so no IFEval prompt uses them: {@code multi-turn:constrained_start}, {@code detectable_format:rephrase},
     * {@code keywords:key_sentences}, {@code detectable_content:rephrase_paragraph}. Not part of
     * {@link ConstraintRegistry#standard()}.
     */
    public static void registerUnlisted(ConstraintRegistry registry) {
        registry.register(ConstrainedStart.ID, (kw, prompt) -> ConstrainedStart.create(kw))
                .register(Rephrase.ID, (kw, prompt) -> Rephrase.create(kw))
                .register(KeySentences.ID, (kw, prompt) -> KeySentences.create(kw))
                .register(RephraseParagraph.ID, (kw, prompt) -> RephraseParagraph.create(kw));
    }

    private static <T> Supplier<T> memoize(Supplier<T> load) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        if (value == null) {
                            value = load.get();
                        }
                        v = value;
                    }
                }
                return v;
            }
        };
    }
}
