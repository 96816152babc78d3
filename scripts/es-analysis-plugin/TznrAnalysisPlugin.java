package tznr.esanalysis;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.LetterTokenizer;
import org.apache.lucene.analysis.core.UpperCaseFilter;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanMinimalStemFilter;
import org.apache.lucene.analysis.el.GreekLowerCaseFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchMinimalStemFilter;
import org.apache.lucene.analysis.ga.IrishLowerCaseFilter;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymFilter;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.synonym.WordnetSynonymParser;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexService.IndexCreationContext;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractCharFilterFactory;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalysisMode;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.CustomAnalyzer;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;

/**
 * The part of Elasticsearch's analysis-common module that the project uses, for
 * the integ-test distribution (the one on Maven Central), which lacks that module,
 * plus GET / (rest-root module, also missing). Component names and settings follow
 * the Elasticsearch reference; settings not handled here are ignored. Test servers only.
 */
public class TznrAnalysisPlugin extends Plugin implements AnalysisPlugin, ActionPlugin {

    @Override
    public Collection<RestHandler> getRestHandlers(Settings settings, NamedWriteableRegistry registry,
            RestController controller, ClusterSettings clusterSettings, IndexScopedSettings indexSettings,
            SettingsFilter filter, IndexNameExpressionResolver resolver, Supplier<DiscoveryNodes> nodes,
            Predicate<NodeFeature> features) {
        return List.of(new RootInfoHandler(settings));
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> f = new TreeMap<>();
        f.put("lowercase", (is, env, name, s) -> {
            String language = s.get("language", "");
            return new Simple(name, s, ts -> lowercase(ts, language), true);
        });
        f.put("uppercase", (is, env, name, s) -> new Simple(name, s, UpperCaseFilter::new, true));
        f.put("asciifolding", (is, env, name, s) -> {
            boolean preserve = s.getAsBoolean("preserve_original", false);
            return new Simple(name, s, ts -> new ASCIIFoldingFilter(ts, preserve), true);
        });
        f.put("elision", (is, env, name, s) -> {
            CharArraySet parsed = Analysis.parseArticles(env, s);
            CharArraySet articles = parsed != null ? parsed : FrenchAnalyzer.DEFAULT_ARTICLES;
            return new Simple(name, s, ts -> new ElisionFilter(ts, articles), true);
        });
        f.put("stemmer", (is, env, name, s) -> {
            String language = s.get("language", s.get("name", "porter"));
            stem(new KeywordTokenizer(), language); // fail now on an unknown language
            return new Simple(name, s, ts -> stem(ts, language), false);
        });
        f.put("ngram", (is, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1), max = s.getAsInt("max_gram", 2);
            checkNgramDiff(is, min, max);
            boolean preserve = s.getAsBoolean("preserve_original", false);
            return new NotForSynonyms(name, s, ts -> new NGramTokenFilter(ts, min, max, preserve));
        });
        f.put("edge_ngram", (is, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1), max = s.getAsInt("max_gram", 2);
            boolean preserve = s.getAsBoolean("preserve_original", false);
            return new NotForSynonyms(name, s, ts -> new EdgeNGramTokenFilter(ts, min, max, preserve));
        });
        f.put("synonym", AnalysisPlugin.requiresAnalysisSettings(
            (is, env, name, s) -> new Synonyms(env, name, s, false)));
        f.put("synonym_graph", AnalysisPlugin.requiresAnalysisSettings(
            (is, env, name, s) -> new Synonyms(env, name, s, true)));
        f.put("flatten_graph", (is, env, name, s) -> new Simple(name, s, FlattenGraphFilter::new, false));
        f.put("trim", (is, env, name, s) -> new Simple(name, s, TrimFilter::new, true));
        f.put("unique", (is, env, name, s) -> new Simple(name, s, RemoveDuplicatesTokenFilter::new, false));
        f.put("length", (is, env, name, s) -> {
            int min = s.getAsInt("min", 0), max = s.getAsInt("max", Integer.MAX_VALUE);
            return new Simple(name, s, ts -> new LengthFilter(ts, min, max), false);
        });
        f.put("truncate", (is, env, name, s) -> {
            int length = s.getAsInt("length", 10);
            return new Simple(name, s, ts -> new TruncateTokenFilter(ts, length), false);
        });
        return f;
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> t = new TreeMap<>();
        t.put("lowercase", (is, env, name, s) -> TokenizerFactory.newFactory(name, LowerCaseTokenizer::new));
        t.put("letter", (is, env, name, s) -> TokenizerFactory.newFactory(name, LetterTokenizer::new));
        t.put("whitespace", (is, env, name, s) -> {
            int maxLength = s.getAsInt("max_token_length", 255);
            return TokenizerFactory.newFactory(name, () -> new WhitespaceTokenizer(
                TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, maxLength));
        });
        t.put("keyword", (is, env, name, s) -> TokenizerFactory.newFactory(name, KeywordTokenizer::new));
        t.put("ngram", (is, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1), max = s.getAsInt("max_gram", 2);
            checkNgramDiff(is, min, max);
            IntPredicate chars = tokenChars(s);
            return TokenizerFactory.newFactory(name, () -> new NGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int c) {
                    return chars.test(c);
                }
            });
        });
        t.put("edge_ngram", (is, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1), max = s.getAsInt("max_gram", 2);
            IntPredicate chars = tokenChars(s);
            return TokenizerFactory.newFactory(name, () -> new EdgeNGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int c) {
                    return chars.test(c);
                }
            });
        });
        return t;
    }

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        Map<String, AnalysisProvider<CharFilterFactory>> c = new TreeMap<>();
        c.put("html_strip", (is, env, name, s) -> {
            Set<String> escaped = new HashSet<>(s.getAsList("escaped_tags"));
            return new AbstractCharFilterFactory(name) {
                @Override
                public Reader create(Reader reader) {
                    return new HTMLStripCharFilter(reader, escaped.isEmpty() ? null : escaped);
                }
            };
        });
        c.put("mapping", AnalysisPlugin.requiresAnalysisSettings((is, env, name, s) -> {
            NormalizeCharMap map = charMap(Analysis.getWordList(env, s, "mappings"));
            return new AbstractCharFilterFactory(name) {
                @Override
                public Reader create(Reader reader) {
                    return new MappingCharFilter(map, reader);
                }

                @Override
                public Reader normalize(Reader reader) {
                    return create(reader);
                }
            };
        }));
        return c;
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> a = new TreeMap<>();
        a.put("french", (is, env, name, s) -> analyzer(name, s, new FrenchAnalyzer(
            Analysis.parseStopWords(env, s, FrenchAnalyzer.getDefaultStopSet()),
            Analysis.parseStemExclusion(s, CharArraySet.EMPTY_SET))));
        a.put("english", (is, env, name, s) -> analyzer(name, s, new EnglishAnalyzer(
            Analysis.parseStopWords(env, s, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET),
            Analysis.parseStemExclusion(s, CharArraySet.EMPTY_SET))));
        return a;
    }

    // ------------------------------------------------------------------ helpers

    private static TokenStream lowercase(TokenStream ts, String language) {
        switch (language) {
            case "greek": return new GreekLowerCaseFilter(ts);
            case "irish": return new IrishLowerCaseFilter(ts);
            case "turkish": return new TurkishLowerCaseFilter(ts);
            default: return new LowerCaseFilter(ts);
        }
    }

    private static TokenStream stem(TokenStream ts, String language) {
        switch (language.toLowerCase(Locale.ROOT)) {
            case "light_french": return new FrenchLightStemFilter(ts);
            case "minimal_french": return new FrenchMinimalStemFilter(ts);
            case "english": case "porter": return new PorterStemFilter(ts);
            case "light_english": case "kstem": return new KStemFilter(ts);
            case "minimal_english": return new EnglishMinimalStemFilter(ts);
            case "possessive_english": return new EnglishPossessiveFilter(ts);
            case "light_german": return new GermanLightStemFilter(ts);
            case "minimal_german": return new GermanMinimalStemFilter(ts);
            case "light_spanish": return new SpanishLightStemFilter(ts);
            case "light_italian": case "italian": return new ItalianLightStemFilter(ts);
            case "light_portuguese": return new PortugueseLightStemFilter(ts);
            default:
                // "french", "german", "spanish", "dutch", ...: the Snowball stemmer of that name.
                String snowball = language.substring(0, 1).toUpperCase(Locale.ROOT)
                    + language.substring(1).toLowerCase(Locale.ROOT);
                try {
                    return new SnowballFilter(ts, snowball);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown stemmer language [" + language + "]", e);
                }
        }
    }

    private static void checkNgramDiff(IndexSettings is, int min, int max) {
        int allowed = is.getMaxNgramDiff();
        if (max - min > allowed) {
            throw new IllegalArgumentException("The difference between max_gram and min_gram in NGram "
                + "Tokenizer must be less than or equal to: [" + allowed + "] but was [" + (max - min)
                + "]. This limit can be set by changing the [" + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey()
                + "] index level setting.");
        }
    }

    private static IntPredicate tokenChars(Settings s) {
        List<String> classes = s.getAsList("token_chars");
        if (classes.isEmpty()) {
            return c -> true;
        }
        String custom = s.get("custom_token_chars", "");
        IntPredicate p = c -> false;
        for (String cls : classes) {
            switch (cls) {
                case "letter": p = p.or(Character::isLetter); break;
                case "digit": p = p.or(Character::isDigit); break;
                case "whitespace": p = p.or(Character::isWhitespace); break;
                case "punctuation": p = p.or(TznrAnalysisPlugin::isPunctuation); break;
                case "symbol": p = p.or(TznrAnalysisPlugin::isSymbol); break;
                case "custom": p = p.or(c -> custom.indexOf(c) >= 0); break;
                default: throw new IllegalArgumentException("Unknown token type: '" + cls + "'");
            }
        }
        return p;
    }

    private static boolean isPunctuation(int c) {
        switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION: case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION: case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION: case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }

    private static boolean isSymbol(int c) {
        switch (Character.getType(c)) {
            case Character.MATH_SYMBOL: case Character.CURRENCY_SYMBOL:
            case Character.MODIFIER_SYMBOL: case Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }

    private static NormalizeCharMap charMap(List<String> rules) {
        NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
        for (String rule : rules) {
            int arrow = rule.indexOf("=>");
            if (arrow < 0) {
                throw new IllegalArgumentException("Invalid mapping rule : [" + rule + "]");
            }
            builder.add(rule.substring(0, arrow).trim(), rule.substring(arrow + 2).trim());
        }
        return builder.build();
    }

    private static <T extends Analyzer> AnalyzerProvider<T> analyzer(String name, Settings s, T analyzer) {
        return new AbstractIndexAnalyzerProvider<T>(name, s) {
            @Override
            public T get() {
                return analyzer;
            }
        };
    }

    // ------------------------------------------------------------------ factories

    /** A filter built by a function; "normalizing" ones also apply to keyword normalizers. */
    static class Simple extends AbstractTokenFilterFactory {
        private final Function<TokenStream, TokenStream> fn;
        private final boolean normalizing;

        Simple(String name, Settings settings, Function<TokenStream, TokenStream> fn, boolean normalizing) {
            super(name, settings);
            this.fn = fn;
            this.normalizing = normalizing;
        }

        @Override
        public TokenStream create(TokenStream ts) {
            return fn.apply(ts);
        }

        @Override
        public TokenStream normalize(TokenStream ts) {
            return normalizing ? fn.apply(ts) : ts;
        }
    }

    /** Like Elasticsearch, n-gram filters may not come before a synonym filter. */
    static class NotForSynonyms extends Simple {
        NotForSynonyms(String name, Settings settings, Function<TokenStream, TokenStream> fn) {
            super(name, settings, fn, false);
        }

        @Override
        public TokenFilterFactory getSynonymFilter() {
            throw new IllegalArgumentException("Token filter [" + name() + "] cannot be used to parse synonyms");
        }
    }

    /**
     * synonym and synonym_graph: the rules are parsed with the tokenizer and filters
     * that come before the synonym filter in the analyzer, as Elasticsearch does.
     */
    static class Synonyms extends AbstractTokenFilterFactory {
        private final Environment env;
        private final Settings settings;
        private final boolean graph;

        Synonyms(Environment env, String name, Settings settings, boolean graph) {
            super(name, settings);
            this.env = env;
            this.settings = settings;
            this.graph = graph;
            if (settings.get("synonyms_set") != null) {
                throw new IllegalArgumentException("[synonyms_set] is not supported by this test server");
            }
            if (settings.get("synonyms") == null && settings.get("synonyms_path") == null
                && settings.getAsList("synonyms").isEmpty()) {
                throw new IllegalArgumentException("synonym requires either `synonyms`, `synonyms_path` "
                    + "or `synonyms_set` to be configured");
            }
        }

        @Override
        public TokenStream create(TokenStream ts) {
            throw new IllegalStateException("Call getChainAwareTokenFilterFactory to specialize this factory "
                + "for an analysis chain first");
        }

        @Override
        public AnalysisMode getAnalysisMode() {
            return settings.getAsBoolean("updateable", false) ? AnalysisMode.SEARCH_TIME : AnalysisMode.ALL;
        }

        @Override
        public TokenFilterFactory getChainAwareTokenFilterFactory(IndexCreationContext context,
                TokenizerFactory tokenizer, List<CharFilterFactory> charFilters,
                List<TokenFilterFactory> previous, Function<String, TokenFilterFactory> allFilters) {
            List<TokenFilterFactory> chain = new ArrayList<>();
            for (TokenFilterFactory f : previous) {
                chain.add(f.getSynonymFilter());
            }
            Analyzer analyzer = new CustomAnalyzer(tokenizer,
                charFilters.toArray(new CharFilterFactory[0]), chain.toArray(new TokenFilterFactory[0]));
            SynonymMap map = buildMap(analyzer);
            String name = name();
            AnalysisMode mode = getAnalysisMode();
            boolean graph = this.graph;
            return new TokenFilterFactory() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public TokenStream create(TokenStream ts) {
                    if (map.fst == null) {
                        return ts;
                    }
                    return graph ? new SynonymGraphFilter(ts, map, false) : new SynonymFilter(ts, map, false);
                }

                @Override
                public TokenFilterFactory getSynonymFilter() {
                    return IDENTITY_FILTER; // so that synonym filters can follow each other
                }

                @Override
                public AnalysisMode getAnalysisMode() {
                    return mode;
                }
            };
        }

        private SynonymMap buildMap(Analyzer analyzer) {
            boolean expand = settings.getAsBoolean("expand", true);
            boolean lenient = settings.getAsBoolean("lenient", false);
            boolean wordnet = "wordnet".equals(settings.get("format", ""));
            try {
                SynonymMap.Parser parser = wordnet
                    ? new WordnetSynonymParser(true, expand, analyzer)
                    : new SolrSynonymParser(true, expand, analyzer);
                if (lenient) {
                    // Parse rule by rule to skip the bad ones, as Elasticsearch's lenient mode does.
                    for (String rule : rules()) {
                        try {
                            parser.parse(new StringReader(rule));
                        } catch (ParseException | IllegalArgumentException e) {
                            // skipped
                        }
                    }
                } else {
                    parser.parse(new StringReader(String.join("\n", rules())));
                }
                return parser.build();
            } catch (IOException | ParseException e) {
                throw new IllegalArgumentException("failed to build synonyms", e);
            }
        }

        private List<String> rules() {
            if (settings.get("synonyms_path") != null && settings.getAsList("synonyms").isEmpty()) {
                return Analysis.getWordList(env, settings, "synonyms");
            }
            return settings.getAsList("synonyms");
        }
    }

    /** The "lowercase" tokenizer: runs of letters, lowercased. */
    static final class LowerCaseTokenizer extends Tokenizer {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        private String text = "";
        private int pos;

        @Override
        public void reset() throws IOException {
            super.reset();
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[4096];
            for (int n; (n = input.read(buf)) != -1; ) {
                sb.append(buf, 0, n);
            }
            text = sb.toString();
            pos = 0;
        }

        @Override
        public boolean incrementToken() {
            clearAttributes();
            while (pos < text.length() && !Character.isLetter(text.codePointAt(pos))) {
                pos += Character.charCount(text.codePointAt(pos));
            }
            if (pos >= text.length()) {
                return false;
            }
            int start = pos;
            while (pos < text.length() && Character.isLetter(text.codePointAt(pos))) {
                term.append(new String(Character.toChars(Character.toLowerCase(text.codePointAt(pos)))));
                pos += Character.charCount(text.codePointAt(pos));
            }
            offset.setOffset(correctOffset(start), correctOffset(pos));
            return true;
        }

        @Override
        public void end() throws IOException {
            super.end();
            int end = correctOffset(text.length());
            offset.setOffset(end, end);
        }
    }
}
