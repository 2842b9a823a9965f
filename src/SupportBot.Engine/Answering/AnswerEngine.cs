using SupportBot.Engine.Analysis;
using SupportBot.Engine.Indexing;
using SupportBot.Engine.Knowledge;

namespace SupportBot.Engine.Answering;

/// <summary>
/// Turns a question into an answer with its sources, for one version of the knowledge base. Thread-safe.
/// The order: small talk, analysis (normalise, correct, expand), bm25 candidates, re-ranking with a
/// confidence, then the outcome: an FAQ answer, a passage, a clarifying question, or an honest fallback.
/// </summary>
public sealed class AnswerEngine : IDisposable
{
    private readonly AnswerEngineOptions _options;
    private readonly QueryAnalyzer _analyzer;
    private readonly SmallTalkDetector _smallTalk;
    private readonly CandidateScorer _scorer;
    private readonly Dictionary<string, string> _exactPhrasings;
    private readonly Dictionary<string, int> _rowOf;
    private readonly SynonymMap _synonyms;

    public AnswerEngine(KnowledgeBase knowledge, AnswerEngineOptions options, SearchIndexOptions indexOptions, SpellingOptions spellingOptions)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        Knowledge = knowledge;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        var documents = DocumentBuilder.Build(knowledge);
        // A synonym group's phrases are most of a ranking query's cost; each gets a token FTS5 looks up as one word.
        Index = SearchIndex.Build(documents, indexOptions, knowledge.Synonyms.Groups.SelectMany(g => g));
        // The words that say what is asked are corrected too ("numbr of", "lenght"), though no document may have them.
        var domainWords = knowledge.Synonyms.AllWords.Where(w => !StopWords.IsStop(w) && !w.Any(char.IsDigit))
            .Concat(QuestionKinds.AskingWords.Where(w => w.Length >= spellingOptions.ShortMinLength))
            .ToHashSet(StringComparer.Ordinal);
        var spelling = new SpellingCorrector(Vocabulary(documents, knowledge.Synonyms), spellingOptions, domainWords, knowledge.EnglishWords);
        // Phrases are what make a query slow (FTS5 reads every position of "what", "do", "i"); single words cost
        // little to keep and less to check, so only phrases the knowledge base lacks are left out.
        var searchable = knowledge.Synonyms.Searchable(member =>
            !member.Contains(' ', StringComparison.Ordinal) || Index.Query(s => s.Match(FtsQuery.AnyOf([member])).Count > 0));
        _synonyms = searchable;
        _analyzer = new QueryAnalyzer(searchable, spelling, LatestYear(knowledge));
        _smallTalk = new SmallTalkDetector(
            knowledge.Responses.Intents, options.SmallTalkCueMaxOtherWords, knowledge.EnglishWords, options.SmallTalkAboutTheBotMaxOtherWords);
        var phrasingTerms = documents.SelectMany(d => d.Questions)
            .Select(q => _analyzer.Analyze(q, _ => true).ContentTerms.Count())
            .ToList();
        // What each entry answers, read from how its phrasings ask (any of them, and every one of them); a passage
        // may answer anything.
        var phrasingKinds = documents.Select(d => d.Questions.Select(q => QuestionKinds.Of(TextNormalizer.Normalize(q))).ToList()).ToList();
        var answers = phrasingKinds.Select(kinds => kinds.Count == 0 ? (QuestionKind?)null : kinds.Aggregate((a, b) => a | b)).ToList();
        var alwaysAsked = phrasingKinds.Select(kinds => kinds.Count == 0 ? QuestionKind.None : kinds.Aggregate((a, b) => a & b)).ToList();
        _scorer = new CandidateScorer(options, phrasingTerms, knowledge.CommonWords, knowledge.EnglishWords, answers, alwaysAsked, IsDomainTerm, knowledge.Synonyms.IsPlace);
        _rowOf = documents.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        _exactPhrasings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var faq in knowledge.Faqs)
        {
            foreach (var phrasing in faq.Alternates.Prepend(faq.Question))
            {
                // Validation guarantees no two entries share a phrasing.
                _exactPhrasings.TryAdd(TextNormalizer.Normalize(phrasing), faq.Id);
            }
        }
    }

    public KnowledgeBase Knowledge { get; }

    public SearchIndex Index { get; }

    /// <summary>Answers one question. Never throws for any text.</summary>
    public Answer Ask(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var trimmed = question.Trim();
        if (trimmed.Length > _options.MaxQuestionLength)
        {
            trimmed = trimmed[.._options.MaxQuestionLength];
        }

        var normalized = TextNormalizer.Normalize(trimmed);
        if (_smallTalk.Detect(normalized) is { } intent)
        {
            return SmallTalk(question, normalized, intent);
        }

        return Index.Query(session =>
        {
            // "why was it banned and when did it start": each question the engine is sure of gets its answer.
            // Clauses scored for that are not scored again as readings below.
            var clauseScores = new Dictionary<string, (AnalyzedQuery Analyzed, List<ScoredCandidate> Candidates)>(StringComparer.Ordinal);
            if (AnswerEachQuestion(session, question, trimmed, clauseScores) is { } answers)
            {
                return answers;
            }

            // Answer the most focused reading of the message that the engine is sure of (see MessageFocus);
            // when none is, the one it is surest of.
            (AnalyzedQuery Analyzed, List<ScoredCandidate> Candidates)? best = null;
            var readings = MessageFocus.Readings(trimmed, IsSmallTalk);
            var scored = new HashSet<string>(StringComparer.Ordinal);
            AnalyzedQuery? wholeMessage = null;
            foreach (var reading in readings)
            {
                var known = clauseScores.TryGetValue(reading, out var clause);
                var analyzed = known ? clause.Analyzed : Analyze(session, reading);
                var whole = reading == trimmed;
                wholeMessage = whole ? analyzed : wholeMessage;
                // A shorter reading must still name a topic: "Which ones are those?" alone names nothing, while
                // "what were those sanctions?" names one with its one telling word. Two readings that analyse
                // alike (a greeting less) score alike: the second is not scored again.
                // Nor is a reading without a word of the domain ("who even made this call?") answered on its own.
                if (!whole && (!NamesATopic(session, analyzed) || !NamesTheDomain(session, analyzed) || !scored.Add(ReadingKey(analyzed))))
                {
                    continue;
                }

                var candidates = known ? clause.Candidates
                    : analyzed.ContentTerms.Any() ? _scorer.Score(session, analyzed, Index.Options.Candidates) : [];
                if (best is null || TopConfidence(candidates) > TopConfidence(best.Value.Candidates))
                {
                    best = (analyzed, candidates);
                }

                if (candidates.Count > 0 && candidates[0].Confidence >= _options.FaqThreshold)
                {
                    best = (analyzed, candidates);
                    break;
                }
            }

            var namesTheDomain = NamesTheDomain(session, best!.Value.Analyzed);
            var decided = Decide(session, question, best!.Value.Analyzed, best.Value.Candidates, namesTheDomain);
            return decided is { Kind: AnswerKinds.Fallback, DocumentId: null }
                ? SmallTalkAfterAll(session, question, trimmed, normalized, wholeMessage) ?? decided
                : decided;
        });
    }

    private bool IsSmallTalk(string sentence) => _smallTalk.Detect(sentence) is not null;

    /// <summary>
    /// A message the knowledge base has nothing for may be small talk after all, or null when it is not.
    /// </summary>
    /// <param name="session">The session the message was answered in.</param>
    /// <param name="question">The customer's text, as the answer reports it.</param>
    /// <param name="message">The text read.</param>
    /// <param name="normalized">The message, normalised.</param>
    /// <param name="analyzedMessage">The whole message's analysis, when the readings got as far as it.</param>
    private Answer? SmallTalkAfterAll(SearchSession session, string question, string message, string normalized, AnalyzedQuery? analyzedMessage)
    {
        // "Hello! I'm writing a report and may have questions in a minute": nothing to answer or to be sorry
        // about, only a greeting to return.
        if (MessageFocus.PleasantryOfStatement(message, IsSmallTalk) is { } pleasantry)
        {
            return SmallTalk(question, pleasantry, _smallTalk.Detect(pleasantry)!);
        }

        // "Thank you so much, you've been very patient": no pattern, nothing of the domain, but small talk all the same.
        return _smallTalk.DetectByCues(message) is { } cued && !HasDomainWord(session, analyzedMessage ?? Analyze(session, message))
            ? SmallTalk(question, normalized, cued)
            : null;
    }

    /// <summary>
    /// The answers to a message that asks two or more different things the engine is sure of, as one answer
    /// (the first's id; every text, source and correction), or null when it asks fewer.
    /// </summary>
    /// <param name="session">The index session to query.</param>
    /// <param name="question">The customer's text, as the answer reports it.</param>
    /// <param name="message">The text to read.</param>
    /// <param name="scores">Filled with each clause's analysis and candidates, for the readings to reuse.</param>
    private Answer? AnswerEachQuestion(
        SearchSession session, string question, string message, Dictionary<string, (AnalyzedQuery Analyzed, List<ScoredCandidate> Candidates)> scores)
    {
        if (_options.MaxAnswersPerMessage < 2)
        {
            return null;
        }

        var clauses = MessageFocus.AskingClauses(message, IsSmallTalk);
        var answers = new List<Answer>();
        foreach (var clause in clauses)
        {
            var analyzed = Analyze(session, clause);
            if (!NamesATopic(session, analyzed) || !NamesTheDomain(session, analyzed))
            {
                continue;
            }

            var candidates = _scorer.Score(session, analyzed, Index.Options.Candidates);
            scores[clause] = (analyzed, candidates);
            if (candidates.Count == 0 || candidates[0].Confidence < _options.FaqThreshold)
            {
                continue;
            }

            if (Decide(session, question, analyzed, candidates, namesTheDomain: true) is { Kind: AnswerKinds.Faq } answer
                && !answers.Exists(a => a.DocumentId == answer.DocumentId))
            {
                answers.Add(answer);
            }
        }

        if (answers.Count < 2)
        {
            return null;
        }

        var given = answers.Take(_options.MaxAnswersPerMessage).ToList();
        var ids = given.Select(a => a.DocumentId).ToHashSet(StringComparer.Ordinal);
        return given[0] with
        {
            Text = string.Join("\n\n", given.Select(a => a.Text)),
            HighlightedText = string.Join("\n\n", given.Select(a => a.HighlightedText ?? a.Text)),
            Confidence = given.Min(a => a.Confidence),
            AlsoAnswered = given.Skip(1).Select(a => a.DocumentId!).ToList(),
            Sources = given.SelectMany(a => a.Sources).Distinct().ToList(),
            FollowUps = given.SelectMany(a => a.FollowUps).Where(f => !ids.Contains(f.Id)).DistinctBy(f => f.Id).Take(_options.Suggestions).ToList(),
            Corrections = given.SelectMany(a => a.Corrections).Distinct().ToList(),
        };
    }

    private Answer SmallTalk(string question, string normalized, SmallTalkIntent intent)
    {
        var reply = intent.Replies[StableIndex(normalized, intent.Replies.Count)];
        // Someone fed up with the bot is offered a person at once, as a fallback would.
        var complaint = intent.Name == ResponseTexts.Complaint;
        return new()
        {
            Question = question,
            Kind = AnswerKinds.SmallTalk,
            Intent = intent.Name,
            Text = complaint ? $"{reply} {Knowledge.Responses.HandoffFor(_options.SupportContact)}" : reply,
            Confidence = 1.0,
            FollowUps = intent.Name is "greeting" or "help" or "identity" or ResponseTexts.Complaint ? SuggestedQuestions() : [],
            OffersHandoff = complaint,
        };
    }

    private static string ReadingKey(AnalyzedQuery analyzed) =>
        $"{analyzed.Kind}|{analyzed.AskedFor?.Text}|{string.Join('|', analyzed.Terms.Select(t => t.Text))}";

    /// <summary>Analyses a text against this index: a word it matches in any form is known, never "corrected".</summary>
    private AnalyzedQuery Analyze(SearchSession session, string text) =>
        _analyzer.Analyze(text, word => session.Match(FtsQuery.AnyOf([word])).Count > 0);

    private bool NamesATopic(SearchSession session, AnalyzedQuery analyzed)
    {
        var content = analyzed.ContentTerms.ToList();
        return content.Count >= 2
            || (content.Count == 1 && !StopWords.Weak.Contains(content[0].Text)
                && session.Match(FtsQuery.AnyOf(content[0].Alternatives)).Count is > 0 and var rows
                && rows <= Index.Documents.Count * _options.RankingTermMaxShare);
    }

    private static double TopConfidence(List<ScoredCandidate> candidates) => candidates.Count == 0 ? 0 : candidates.Max(c => c.Confidence);

    /// <summary>The support agents' lookup: every matching FAQ and passage, ranked.</summary>
    public SearchResults Search(string query, int top, bool prefixLast = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        top = Math.Clamp(top, 1, Index.Documents.Count);
        query = query.Length > _options.MaxQuestionLength ? query[.._options.MaxQuestionLength] : query;
        return Index.Query(session =>
        {
            var analyzed = Analyze(session, query);
            var scored = _scorer.Score(session, analyzed, Math.Max(top, Index.Options.Candidates), prefixLast, explain: true);
            var hits = scored.Take(top).Select(c => new SearchHit(
                c.Document.Id, c.Document.Kind, c.Document.Title, session.Marks(c.FtsQuery, c.Hit.Row).Snippet, Math.Round(c.Score, 4),
                Math.Round(c.Confidence, 4), SourceOf(c.Document), c.Document.Text, c.Explanation)).ToList();
            return new SearchResults(query, hits, Corrections(analyzed));
        });
    }

    public void Dispose() => Index.Dispose();

    private Answer Decide(SearchSession session, string question, AnalyzedQuery analyzed, List<ScoredCandidate> candidates, bool namesTheDomain)
    {
        // A question written exactly as one of an entry's phrasings is that entry's, whatever the scores say.
        var exact = _exactPhrasings.TryGetValue(analyzed.Normalized, out var exactId)
            ? candidates.Find(c => c.Document.Id == exactId)
            : null;

        // "What's going on with Kaspersky in the US?" names the subject and nothing else: every entry matches
        // it equally, so the ranking would pick one at random. The overview entry is the answer to that.
        if (exact is null
            && Knowledge.Responses.Overview is { } overviewId
            && NamesOnlyTheSubject(session, analyzed))
        {
            var overview = Knowledge.FaqsById[overviewId];
            var row = _rowOf[overviewId];
            var scored = candidates.Find(c => c.Document.Id == overviewId);
            var highlighted = session.Highlight(scored?.FtsQuery ?? FtsQuery.AnyTerm(analyzed.ContentTerms), row);
            return FaqAnswer(question, analyzed, scored?.Confidence ?? TopConfidence(candidates), overview, highlighted);
        }

        // "printer keeps showing offline status", "how do I back up my files": words the articles happen to use,
        // none of them about this knowledge base. Whatever they match, it is not what the customer asked about.
        if (exact is null && !namesTheDomain)
        {
            return Fallback(question, analyzed, candidates);
        }

        // Otherwise only the best-ranked candidates may answer: one further down that happens to clear its
        // threshold is a worse match the ranking already passed over, and answering with it makes wrong answers.
        var chosen = exact ?? candidates.Take(_options.AnswerFromTop)
            .FirstOrDefault(c => c.Confidence >= (c.IsFaq ? _options.FaqThreshold : _options.PassageThreshold));
        if (chosen is null)
        {
            return Fallback(question, analyzed, candidates);
        }

        // "can i keep using kaspersky": a known gap ("keep getting updates with a VPN") and an answer cover it alike;
        // the gap wins a near tie only when it is about a word of the question the answer lacks.
        if (exact is null && AnswerTyingAGap(candidates, chosen) is { } tying)
        {
            chosen = tying;
        }

        // Not sure, and another document ranks nearly as high: a guess between the two is how most wrong
        // answers happen. Ask which was meant when the other is an answer too; otherwise say we are unsure.
        var next = candidates.FirstOrDefault(c => c != chosen);
        if (exact is null
            && !chosen.IsOwnPhrasing
            && chosen.Confidence < _options.SureConfidence
            && next is not null
            && chosen.Score - next.Score < _options.AmbiguityMargin * chosen.Score
            // Two entries about one topic ("when did the wind-down start", "when did the ban take effect"), or an
            // entry and the passage it rests on, are no real choice: the better-ranked one answers.
            && !IsSameTopic(chosen, next))
        {
            var gap = IsKnownGap(chosen) ? Knowledge.FaqsById[chosen.Document.Id] : null;
            return gap is null && next.IsFaq && chosen.IsFaq && next.Confidence >= _options.FaqThreshold
                   && IsDifferentTopic(Knowledge.FaqsById[chosen.Document.Id], Knowledge.FaqsById[next.Document.Id])
                ? Clarify(question, analyzed, chosen, next)
                : Fallback(question, analyzed, candidates, gap);
        }

        if (chosen.IsFaq)
        {
            var faq = Knowledge.FaqsById[chosen.Document.Id];
            if (faq.Abstain)
            {
                return Fallback(question, analyzed, candidates, faq);
            }

            // "What are the names of the 12 people the Treasury sanctioned?": the sanctions entry ranks first, but it
            // has "names" only in its answer, where the known gap for the names is about them. Surer, the gap is the
            // honest answer: the sources do not say.
            if (exact is null && !chosen.IsOwnPhrasing
                && (GapAboutWhatTheAnswerOnlyMentions(candidates, chosen) ?? GapAboutWhatTheAnswerLacks(candidates, chosen)) is { } gapAbout)
            {
                return Fallback(question, analyzed, candidates, Knowledge.FaqsById[gapAbout.Document.Id]);
            }

            var runnerUp = candidates.FirstOrDefault(c => c.IsFaq && c != chosen);
            // A question that is one of the entry's own phrasings is not ambiguous, unless it is the runner-up's too.
            if (runnerUp is not null
                && exact is null
                && (!chosen.IsOwnPhrasing || runnerUp.IsOwnPhrasing)
                && runnerUp.Confidence >= _options.FaqThreshold
                && runnerUp.Score >= _options.ClarifyRatio * chosen.Score
                && IsDifferentTopic(faq, Knowledge.FaqsById[runnerUp.Document.Id]))
            {
                return Clarify(question, analyzed, chosen, runnerUp);
            }

            return FaqAnswer(question, analyzed, chosen.Confidence, faq, session.Highlight(chosen.FtsQuery, chosen.Hit.Row));
        }

        var passage = Knowledge.PassagesById[chosen.Document.Id];
        var article = Knowledge.ArticlesById[passage.ArticleId];
        return new Answer
        {
            Question = question,
            Kind = AnswerKinds.Passage,
            Text = passage.Text,
            HighlightedText = session.Highlight(chosen.FtsQuery, chosen.Hit.Row),
            Confidence = Math.Round(chosen.Confidence, 4),
            DocumentId = passage.Id,
            Sources = [new AnswerSource(article.Title, article.Url, passage.Text, passage.Id)],
            FollowUps = ClosestFaqs(candidates, exclude: null),
            Corrections = Corrections(analyzed),
        };
    }

    /// <summary>
    /// An answer among the best-ranked candidates, as sure as the chosen known gap and within
    /// <see cref="AnswerEngineOptions.GapTieMargin"/> of its score, when the gap has no word of the question in its
    /// phrasings or tags that the answer lacks there.
    /// </summary>
    private ScoredCandidate? AnswerTyingAGap(List<ScoredCandidate> candidates, ScoredCandidate chosen) =>
        !IsKnownGap(chosen) || chosen.IsOwnPhrasing ? null
        : Rivals(candidates, chosen).FirstOrDefault(c => c.IsFaq && !IsKnownGap(c)
            && c.Confidence >= chosen.Confidence
            && chosen.Score - c.Score < _options.GapTieMargin * chosen.Score
            && (chosen.StrongTerms & ~c.StrongTerms) == 0);

    /// <summary>
    /// A known gap among the best-ranked candidates, surer than the chosen entry, whose phrasings or tags have a word
    /// of the question that the chosen entry has only in its answer text.
    /// </summary>
    private ScoredCandidate? GapAboutWhatTheAnswerOnlyMentions(List<ScoredCandidate> candidates, ScoredCandidate chosen) =>
        chosen.AnswerOnlyTerms == 0 ? null
        : Rivals(candidates, chosen).FirstOrDefault(c => IsKnownGap(c)
            && c.Confidence > chosen.Confidence
            && (c.StrongTerms & chosen.AnswerOnlyTerms) != 0);

    /// <summary>
    /// A known gap among the best-ranked candidates, sure enough to answer, that has in its phrasings or tags every word
    /// of the question the chosen entry has, and a weighty one the chosen entry lacks altogether ("how much severance did
    /// laid-off staff get": the layoffs entry never speaks of severance; the gap for it does).
    /// </summary>
    private ScoredCandidate? GapAboutWhatTheAnswerLacks(List<ScoredCandidate> candidates, ScoredCandidate chosen)
    {
        var has = chosen.StrongTerms | chosen.AnswerOnlyTerms;
        return Rivals(candidates, chosen).FirstOrDefault(c => IsKnownGap(c)
            && c.Confidence >= _options.FaqThreshold
            && (has & ~c.StrongTerms) == 0
            && (c.StrongTerms & ~has & c.WeightyTerms) != 0);
    }

    /// <summary>
    /// The best-ranked candidates other than the chosen one (<see cref="AnswerEngineOptions.GapPreferenceReach"/>): those a
    /// known gap and an answer may trade places with.
    /// </summary>
    private IEnumerable<ScoredCandidate> Rivals(List<ScoredCandidate> candidates, ScoredCandidate chosen) =>
        candidates.Take(_options.GapPreferenceReach).Where(c => c != chosen);

    /// <summary>Whether a candidate is an FAQ entry for what the sources do not answer (<c>abstain: true</c>).</summary>
    private bool IsKnownGap(ScoredCandidate candidate) => candidate.IsFaq && Knowledge.FaqsById[candidate.Document.Id].Abstain;

    private bool IsSameTopic(ScoredCandidate chosen, ScoredCandidate next)
    {
        if (!chosen.IsFaq || Knowledge.FaqsById[chosen.Document.Id] is not { Abstain: false } faq)
        {
            return false;
        }

        // A known gap ranking close is a real doubt: the question may be the one the sources cannot answer.
        return next.IsFaq
            ? Knowledge.FaqsById[next.Document.Id] is { Abstain: false } other && !IsDifferentTopic(faq, other)
            : faq.Sources.Any(s => s.PassageId == next.Document.Id);
    }

    /// <summary>
    /// Two FAQ entries that tie are only worth a clarifying question when they are about different things:
    /// entries that share a tag or lead to each other overlap, and the better-ranked one answers well enough.
    /// </summary>
    private static bool IsDifferentTopic(FaqEntry a, FaqEntry b) =>
        !b.Abstain
        && !a.FollowUps.Contains(b.Id, StringComparer.Ordinal)
        && !b.FollowUps.Contains(a.Id, StringComparer.Ordinal)
        && !a.Tags.Intersect(b.Tags, StringComparer.OrdinalIgnoreCase).Any();

    /// <summary>
    /// Whether some topic word of the question belongs to the domain: a member of a synonym group, a word of an
    /// FAQ entry's tags (in any form: the index stems it), or a figure. The groups and tags are the curated
    /// vocabulary of the subject; everything else the articles say is everyday English.
    /// </summary>
    private bool NamesTheDomain(SearchSession session, AnalyzedQuery analyzed) => !_options.RequireDomainWord || HasDomainWord(session, analyzed);

    private bool HasDomainWord(SearchSession session, AnalyzedQuery analyzed) =>
        analyzed.ContentTerms.Any(t => t.Text.All(char.IsAsciiDigit) || IsDomainTerm(session, t));

    /// <summary>
    /// A phrase made only of stop words ("what do i do") is a way of asking, not a word of the domain, even in a
    /// synonym group: "my screen keeps flashing, what do i do" is not about the knowledge base. Nor is a word of
    /// an everyday group ("laptop", "hackers", "windows update"): every tech-support question has one. Nor is an
    /// everyday weak word a tag happens to stem to ("name" and the tag "names"): "hello my name is priya" is a greeting.
    /// </summary>
    private bool IsDomainTerm(SearchSession session, QueryTerm term) =>
        !term.Text.Split(' ').All(StopWords.IsStop)
        && !StopWords.Weak.Contains(term.Text)
        && !_synonyms.IsEveryday(term.Text)
        && (_synonyms.Lookup(term.Text) is not null
            || session.Match(FtsQuery.InColumns(FtsQuery.TagsColumn, FtsQuery.AnyOf(term.Alternatives))).Count > 0);

    /// <summary>
    /// Whether every topic word of a plain question (not "why", "when"…) is one most documents share: the
    /// subject itself ("kaspersky", "us", "ban").
    /// </summary>
    private bool NamesOnlyTheSubject(SearchSession session, AnalyzedQuery analyzed)
    {
        var subjectRows = Index.Documents.Count * _options.RankingTermMaxShare;
        return analyzed.Kind == QuestionKind.None
            && analyzed.ContentTerms.Any()
            && analyzed.ContentTerms.All(t => t.CorrectedFrom is null && session.Match(FtsQuery.AnyOf(t.Alternatives)).Count > subjectRows);
    }

    private Answer FaqAnswer(string question, AnalyzedQuery analyzed, double confidence, FaqEntry faq, string highlighted) => new()
    {
        Question = question,
        Kind = AnswerKinds.Faq,
        Text = faq.Answer,
        HighlightedText = highlighted,
        Confidence = Math.Round(confidence, 4),
        DocumentId = faq.Id,
        Sources = faq.Sources.Select(SourceFor).ToList(),
        FollowUps = faq.FollowUps.Take(_options.Suggestions).Select(id => ToSuggestion(Knowledge.FaqsById[id])).ToList(),
        Corrections = Corrections(analyzed),
    };

    private Answer Clarify(string question, AnalyzedQuery analyzed, ScoredCandidate first, ScoredCandidate second)
    {
        var a = Knowledge.FaqsById[first.Document.Id];
        var b = Knowledge.FaqsById[second.Document.Id];
        return new Answer
        {
            Question = question,
            Kind = AnswerKinds.Clarify,
            Text = string.Format(System.Globalization.CultureInfo.InvariantCulture, Knowledge.Responses.Clarify, a.Question, b.Question),
            Confidence = Math.Round(second.Confidence, 4),
            FollowUps = [ToSuggestion(a), ToSuggestion(b)],
            Corrections = Corrections(analyzed),
        };
    }

    private Answer Fallback(string question, AnalyzedQuery analyzed, List<ScoredCandidate> candidates, FaqEntry? knownGap = null)
    {
        var closest = ClosestFaqs(candidates, exclude: knownGap?.Id);
        var topics = closest.Count > 0 ? closest : SuggestedQuestions();
        var responses = Knowledge.Responses;
        var opening = knownGap?.Answer ?? responses.Fallback;
        var text = $"{opening} You could ask: {string.Join("; ", topics.Select(t => t.Question))}. {responses.HandoffFor(_options.SupportContact)}";
        return new Answer
        {
            Question = question,
            Kind = AnswerKinds.Fallback,
            Text = text,
            Confidence = Math.Round(candidates.Count > 0 ? candidates[0].Confidence : 0, 4),
            DocumentId = knownGap?.Id,
            Sources = knownGap?.Sources.Select(SourceFor).ToList() ?? [],
            FollowUps = topics,
            OffersHandoff = true,
            Corrections = Corrections(analyzed),
        };
    }

    private List<Suggestion> ClosestFaqs(List<ScoredCandidate> candidates, string? exclude) => candidates
        .Where(c => c.IsFaq && c.Document.Id != exclude && c.Confidence > 0 && !IsKnownGap(c))
        .Take(_options.Suggestions)
        .Select(c => ToSuggestion(Knowledge.FaqsById[c.Document.Id]))
        .ToList();

    private List<Suggestion> SuggestedQuestions() =>
        Knowledge.Responses.Suggested.Take(_options.Suggestions).Select(id => ToSuggestion(Knowledge.FaqsById[id])).ToList();

    private static Suggestion ToSuggestion(FaqEntry faq) => new(faq.Id, faq.Question);

    private AnswerSource SourceFor(SourceRef source)
    {
        var article = Knowledge.ArticlesById[source.ArticleId];
        return new AnswerSource(article.Title, article.Url, source.Quote, source.PassageId);
    }

    private DocumentSource SourceOf(SearchDocument document)
    {
        var articleId = document.Kind == DocumentKinds.Faq
            ? Knowledge.FaqsById[document.Id].Sources is { Count: > 0 } sources ? sources[0].ArticleId : null
            : Knowledge.PassagesById[document.Id].ArticleId;
        var article = articleId is null ? null : Knowledge.ArticlesById[articleId];
        return new DocumentSource(article?.Title ?? "", article?.Url);
    }

    private static List<string> Corrections(AnalyzedQuery analyzed) =>
        analyzed.Terms.Where(t => t.CorrectedFrom is not null).Select(t => $"{t.CorrectedFrom}→{t.Text}").ToList();

    /// <summary>Varies replies with the question, but the same question always gets the same reply.</summary>
    private static int StableIndex(string text, int count)
    {
        var hash = 0u;
        foreach (var c in text)
        {
            hash = (hash * 31) + c;
        }

        return (int)(hash % (uint)count);
    }

    /// <summary>The latest year any source passage mentions, if any.</summary>
    private static int? LatestYear(KnowledgeBase knowledge) => knowledge.PassagesById.Values
        .SelectMany(p => TextNormalizer.Words(TextNormalizer.Normalize(p.Text)))
        .Where(w => w.Length == 4 && w.All(char.IsAsciiDigit) && w[0] is '1' or '2')
        .Select(w => (int?)int.Parse(w, System.Globalization.CultureInfo.InvariantCulture))
        .Max();

    /// <summary>
    /// The words the spelling corrector corrects to: every word of the documents, the synonym groups, and the words
    /// that say what is asked (repeats count: frequent words win ties).
    /// </summary>
    internal static IEnumerable<string> Vocabulary(IEnumerable<SearchDocument> documents, SynonymMap synonyms) =>
        documents
            .SelectMany(d => d.Questions.Append(d.Title).Append(d.Text).Concat(d.Tags))
            .SelectMany(text => TextNormalizer.Words(TextNormalizer.Normalize(text)))
            .Concat(synonyms.AllWords)
            .Concat(QuestionKinds.AskingWords);
}
