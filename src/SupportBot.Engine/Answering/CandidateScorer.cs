using SupportBot.Engine.Analysis;
using SupportBot.Engine.Indexing;

namespace SupportBot.Engine.Answering;

/// <summary>A document the index proposed, re-ranked.</summary>
/// <param name="Hit">The index row, bm25 and highlights.</param>
/// <param name="Document">The indexed document.</param>
/// <param name="Coverage">Share of the question's topic words (weighted by rarity) the document contains, 0..1.</param>
/// <param name="Confidence">Calibrated confidence that this document answers the question, 0..1.</param>
/// <param name="Score">Re-ranking score: bm25 relative to the best, coverage, and the FAQ prior.</param>
/// <param name="FtsQuery">The query that found it, to mark the matched words when it is shown.</param>
public sealed record ScoredCandidate(IndexHit Hit, SearchDocument Document, double Coverage, double Confidence, double Score, string FtsQuery)
{
    /// <summary>Share of the question's topic words that the entry's closest single phrasing contains, 0..1.</summary>
    public double PhrasingCoverage { get; init; }

    /// <summary>Bit i: the question's i-th topic word is in the document's phrasings, question or tags (first 64 words).</summary>
    public ulong StrongTerms { get; init; }

    /// <summary>Bit i: the question's i-th topic word is only in the FAQ's answer text (first 64 words).</summary>
    public ulong AnswerOnlyTerms { get; init; }

    /// <summary>
    /// Bit i: the question's i-th topic word weighs at least <see cref="AnswerEngineOptions.GapLackedWordShare"/> of the
    /// whole question (first 64 words). The same for every candidate of one question.
    /// </summary>
    public ulong WeightyTerms { get; init; }

    /// <summary>The question is one of the entry's own phrasings: each has all of the other's topic words.</summary>
    public bool IsOwnPhrasing { get; init; }

    /// <summary>
    /// Each topic word with its weight and how this document has it: + in its phrasings, question or tags,
    /// ~ only in its text, - not at all, ? unknown to the knowledge base. For <c>search --explain</c>.
    /// </summary>
    public string Explanation { get; init; } = "";

    public bool IsFaq => Document.Kind == DocumentKinds.Faq;
}

/// <summary>
/// Re-ranks bm25's candidates. bm25 alone ranks well but cannot say how sure it is: its scores have no
/// scale. Coverage can: it asks, for each topic word of the question (weighted by how rare it is in the
/// knowledge base, with words never seen counting as rare), whether the document contains it or a
/// synonym. A question about graphics drivers shares "update" with the knowledge base, but not
/// "graphics" or "driver", so its coverage — and confidence — stay low.
/// </summary>
/// <param name="options">Weights and thresholds.</param>
/// <param name="phrasingTerms">For each indexed phrasing, how many topic terms it has (as the analyzer counts them).</param>
/// <param name="commonWords">Everyday English words; unknown ones are context rather than topic.</param>
/// <param name="answers">For each document, the kinds of question its phrasings ask (null: a passage, any kind).</param>
/// <param name="alwaysAsked">For each document, the kinds every one of its phrasings asks ("when…" for a date entry).</param>
/// <param name="isDomainTerm">Whether a word belongs to the domain's curated vocabulary (synonym groups, tags).</param>
/// <param name="isPlace">Whether a word or phrase names a place ("canada", "the uk"): synonym groups marked <c>place:</c>.</param>
/// <param name="englishWords">English words: a known word that is none is one of the knowledge base's own names.</param>
internal sealed partial class CandidateScorer(
    AnswerEngineOptions options,
    IReadOnlyList<int> phrasingTerms,
    IReadOnlySet<string> commonWords,
    IReadOnlySet<string> englishWords,
    IReadOnlyList<QuestionKind?> answers,
    IReadOnlyList<QuestionKind> alwaysAsked,
    Func<SearchSession, QueryTerm, bool> isDomainTerm,
    Func<string, bool> isPlace)
{
    /// <param name="session">The index session to query.</param>
    /// <param name="query">The analysed question.</param>
    /// <param name="limit">How many candidates bm25 proposes.</param>
    /// <param name="prefixLast">Whether the last word may be the start of a longer word (search as you type).</param>
    /// <param name="explain">Whether to fill <see cref="ScoredCandidate.Explanation"/> (agents' search only: it costs).</param>
    public List<ScoredCandidate> Score(SearchSession session, AnalyzedQuery query, int limit, bool prefixLast = false, bool explain = false)
    {
        var terms = query.Terms;
        if (terms.Count == 0)
        {
            return [];
        }

        var ftsQuery = RankingQuery(session, terms, prefixLast);
        var hits = session.Rank(ftsQuery, limit);
        if (hits.Count == 0)
        {
            return [];
        }

        var content = query.ContentTerms.ToList();
        var documents = session.Index.Documents;
        var evidence = content.Select(t => Weigh(session, t, documents.Count, prefixLast && t == terms[^1])).ToList();
        DiminishUnknownWords(evidence, documents.Count);
        var totalWeight = evidence.Sum(e => e.Weight);
        var singleWord = content.Count == 1;
        var questionWords = query.Terms.Where(t => t.Role == TermRole.QuestionWord).Select(t => session.MatchPhrasings(FtsQuery.AnyOf(t.Alternatives))).ToList();
        var askedFor = AskedForRows(session, query);
        // A place the question names that is not the knowledge base's own ("us" is in most documents).
        var places = evidence.Where(e => e.Rows.Count > 0 && e.Rows.Count <= documents.Count * options.RankingTermMaxShare && isPlace(e.Term)).ToList();
        var weightyTerms = 0UL;
        for (var t = 0; t < Math.Min(evidence.Count, 64); t++)
        {
            weightyTerms |= evidence[t].Weight >= options.GapLackedWordShare * totalWeight ? 1UL << t : 0;
        }

        var bestBm25 = Math.Max(hits[0].Bm25, double.Epsilon);
        var scored = new List<ScoredCandidate>(hits.Count);
        foreach (var hit in hits)
        {
            var document = documents[hit.Row];
            var isFaq = document.Kind == DocumentKinds.Faq;
            var matchedWeight = 0.0;
            var matchedIdf = 0.0;
            var strongMatch = false;
            ulong strongTerms = 0, answerOnlyTerms = 0;
            for (var t = 0; t < evidence.Count; t++)
            {
                var term = evidence[t];
                if (!term.Rows.Contains(hit.Row))
                {
                    continue;
                }

                // An FAQ is about what its phrasings and tags say; a word found only in its answer is weaker evidence.
                var strong = !isFaq || term.StrongRows.Contains(hit.Row);
                if (t < 64)
                {
                    strongTerms |= strong ? 1UL << t : 0;
                    answerOnlyTerms |= strong ? 0 : 1UL << t;
                }

                strongMatch |= strong;
                var credit = strong ? 1.0 : options.AnswerOnlyCredit;
                matchedWeight += term.MatchedWeight * credit;
                matchedIdf += term.Idf * credit;
            }

            var coverage = totalWeight > 0 ? matchedWeight / totalWeight : 0;
            var (closest, similarity, ownPhrasing) = isFaq ? BestPhrasing(session, evidence, questionWords, hit.Row) : (0, 0, false);
            var phrasingCoverage = totalWeight > 0 ? closest / totalWeight : 0;
            if (isFaq)
            {
                // An FAQ is a set of ways to ask one thing: how much of the question its closest single
                // phrasing covers matters as much as what the entry as a whole contains.
                coverage = ((1 - options.PhrasingCoverageShare) * coverage) + (options.PhrasingCoverageShare * phrasingCoverage);
            }

            // Being asked the way an entry answers ("why…" and an entry whose phrasings ask why) is evidence of
            // its own, like one more matched word: "why is the government taking away my antivirus" names little
            // else the why-entry has.
            if (query.Kind != QuestionKind.None && options.QuestionKindWeight > 0 && totalWeight > 0)
            {
                var asksThatWay = answers[hit.Row] is { } answered && (answered & query.Kind) != 0;
                coverage = ((coverage * totalWeight) + (asksThatWay ? options.QuestionKindWeight : 0)) / (totalWeight + options.QuestionKindWeight);
            }

            // "why are they kicking kaspersky out" shares its topic words with "when did kaspersky start leaving";
            // an entry never asked that way ("why") is the wrong one more often than not. The other way round, an
            // entry only ever asked "when" (a date the sources lack) does not answer "what does the war have to do with it".
            var fitsKind = query.Kind == QuestionKind.None
                ? alwaysAsked[hit.Row] == QuestionKind.None
                : answers[hit.Row] is not { } kinds || (kinds & query.Kind) != 0;
            var kindFit = fitsKind ? 1.0 : options.QuestionKindMismatchFactor;
            // "When is the last day updates are provided in Canada?": the entry about the US cutoff never names
            // Canada, and its date is not Canada's.
            if (places.Exists(p => !p.Rows.Contains(hit.Row)))
            {
                kindFit *= options.PlaceMismatchFactor;
            }

            // Likewise "which antivirus should i switch to" is for an entry asked "which antivirus…", not for
            // one asked "do i need to switch antivirus".
            if (askedFor is not null && isFaq && !Array.Exists(session.Index.PhrasingsOf[hit.Row], askedFor.Contains))
            {
                kindFit *= options.AskedForMismatchFactor;
            }

            var confidence = kindFit * coverage
                * (singleWord ? (strongMatch ? options.SingleWordFactor : options.AnswerOnlyCredit * options.SingleWordFactor) : 1.0)
                // Matching only words that are everywhere ("kaspersky") is no evidence of a topic.
                * Math.Min(1.0, matchedIdf / options.MinEvidence);
            // bm25 orders documents that cover the question; it must not lift one that covers little of it
            // (a short phrasing matching only "kaspersky" scores high on bm25 alone).
            var score = kindFit * coverage * (
                    options.Bm25Share * (hit.Bm25 / bestBm25)
                    + options.PhrasingShare * similarity
                    + (1 - options.Bm25Share - options.PhrasingShare))
                + (isFaq ? options.FaqPrior : 0);
            scored.Add(new ScoredCandidate(hit, document, coverage, Math.Clamp(confidence, 0, 1), score, ftsQuery)
            {
                PhrasingCoverage = Math.Min(1, phrasingCoverage),
                StrongTerms = strongTerms,
                AnswerOnlyTerms = answerOnlyTerms,
                WeightyTerms = weightyTerms,
                IsOwnPhrasing = ownPhrasing,
                Explanation = !explain ? "" : string.Join(", ", evidence.Select(e =>
                    $"{e.Term}:{e.Weight:0.00}{(e.Rows.Count == 0 ? "?" : e.StrongRows.Contains(hit.Row) ? "+" : e.Rows.Contains(hit.Row) ? "~" : "-")}")),
            });
        }

        scored.Sort((a, b) => b.Score.CompareTo(a.Score));
        return scored;
    }

    /// <summary>
    /// The phrasings that ask for the same thing as the question ("which antivirus", "what product"), or null
    /// when the question asks for no thing, or for the subject itself ("which kaspersky …"), or for a thing the
    /// knowledge base never mentions.
    /// </summary>
    private RowSet? AskedForRows(SearchSession session, AnalyzedQuery query)
    {
        if (query.AskedFor is not { } asked)
        {
            return null;
        }

        var rows = session.Match(FtsQuery.AnyOf(asked.Alternatives)).Count;
        if (rows == 0 || rows > session.Index.Documents.Count * options.RankingTermMaxShare)
        {
            return null;
        }

        return session.MatchPhrasings(FtsQuery.AnyOf(asked.Alternatives.SelectMany(a => new[] { "which " + a, "what " + a })));
    }

    /// <summary>
    /// Each further unknown word weighs less than the one before: one or two strange words are the mark of
    /// an out-of-scope question, but a long message full of context ("I run a dental office and…") is not
    /// less in scope for every word of its story.
    /// </summary>
    private void DiminishUnknownWords(List<TermEvidence> evidence, int documentCount)
    {
        // Once a question clearly names its topic (two telling words the knowledge base has, or the subject and
        // one), everyday words it does not have ("exactly", "office") are the customer's story, not another topic.
        var telling = evidence.Count(e => e.Rows.Count > 0 && e.Rows.Count <= documentCount * options.RankingTermMaxShare);
        // Whether the question names the knowledge base's subject (the words most documents share: "kaspersky", "us").
        // A name the knowledge base has and English does not ("raimondo") says what the question is about as
        // surely as the subject does.
        var subjectless = !evidence.Exists(e => e.Rows.Count > documentCount * options.RankingTermMaxShare
            || (e.Rows.Count > 0 && e.Term.Split(' ').Any(w => !englishWords.Contains(w) && !w.Any(char.IsDigit))));
        // Without the subject, an unknown word weighs more than the most telling known one: in "what's the
        // weather like in moscow", "weather" is the topic and "moscow" only where.
        var unknownFloor = subjectless
            ? options.SubjectlessUnknownWordShare * evidence.Where(e => e.Rows.Count > 0).Select(e => e.Weight).DefaultIfEmpty(0).Max()
            : 0;
        var factor = 1.0;
        var unknown = 0;
        for (var i = 0; i < evidence.Count; i++)
        {
            if (evidence[i].Rows.Count == 0)
            {
                // Naming the subject ("kaspersky") counts as one telling word.
                var everyday = telling + (subjectless ? 0 : 1) >= 2 && commonWords.Contains(evidence[i].Term) ? options.EverydayWordFactor : 1.0;
                evidence[i] = evidence[i] with { Weight = Math.Max(evidence[i].Weight, unknownFloor) * factor * everyday };
                if (++unknown >= options.UnknownWordsAtFullWeight)
                {
                    factor *= options.UnknownWordDecay;
                }
            }
        }
    }

    /// <summary>
    /// The query bm25 ranks with: every term except those found in most documents ("kaspersky", "us"),
    /// which cannot tell documents apart but make FTS5 score nearly every row. They still count in coverage.
    /// </summary>
    private string RankingQuery(SearchSession session, IReadOnlyList<QueryTerm> terms, bool prefixLast)
    {
        var documents = session.Index.Documents.Count;
        var expressions = terms.Select((t, i) => FtsQuery.AnyOf(t.Alternatives, prefixLast && i == terms.Count - 1)).ToList();
        var frequencies = expressions.Select(e => session.Match(e).Count).ToList();
        // A word no document has cannot rank anything: "is kasp legit leaving" must still rank on "leaving".
        var selective = expressions.Where((_, i) => frequencies[i] > 0 && frequencies[i] <= documents * options.RankingTermMaxShare).ToList();
        if (selective.Count == 0 && frequencies.Any(f => f > 0))
        {
            selective.Add(expressions[frequencies.IndexOf(frequencies.Where(f => f > 0).Min())]);
        }

        if (selective.Count == 0)
        {
            selective.Add(expressions[0]);
        }

        return string.Join(" OR ", selective);
    }

    /// <summary>
    /// The weight of the question's words covered by the entry's closest phrasing, and whether some phrasing
    /// is the question itself (every word of each found in the other).
    /// </summary>
    private (double Covered, double Similarity, bool Own) BestPhrasing(SearchSession session, List<TermEvidence> evidence, List<RowSet> questionWords, int row)
    {
        var best = 0.0;
        var similarity = 0.0;
        var own = false;
        var total = evidence.Sum(e => e.Weight);
        var phrasings = session.Index.PhrasingsOf[row];
        Span<double> weights = phrasings.Length <= MaxStackPhrasings ? stackalloc double[phrasings.Length] : new double[phrasings.Length];
        Span<int> counts = phrasings.Length <= MaxStackPhrasings ? stackalloc int[phrasings.Length] : new int[phrasings.Length];
        TallyPhrasings(evidence, phrasings, weights, counts);
        for (var p = 0; p < phrasings.Length; p++)
        {
            var phrasing = phrasings[p];
            var covered = weights[p];
            var matchedTerms = counts[p];
            best = Math.Max(best, covered);
            own |= matchedTerms == evidence.Count && matchedTerms >= phrasingTerms[phrasing];
            // How much of the question the phrasing has, times how much of the phrasing the question has:
            // a short phrasing that is all question beats a long one that merely contains it.
            if (total > 0 && matchedTerms > 0)
            {
                // Asking the same way ("how were customers told" and not "what were they told to do") counts a little.
                var sameAsking = questionWords.Count > 0 && AllContain(questionWords, phrasing) ? 1 + options.SameQuestionWordBonus : 1.0;
                similarity = Math.Max(similarity, covered / total * Math.Min(1.0, (double)matchedTerms / Math.Max(1, phrasingTerms[phrasing])) * sameAsking);
            }
        }

        return (best, similarity, own);
    }

    private static bool AllContain(List<RowSet> sets, int row)
    {
        foreach (var set in sets)
        {
            if (!set.Contains(row))
            {
                return false;
            }
        }

        return true;
    }

    private TermEvidence Weigh(SearchSession session, QueryTerm term, int documentCount, bool prefix)
    {
        var any = FtsQuery.AnyOf(term.Alternatives, prefix);
        var rows = session.Match(any);
        if (rows.Count == 0)
        {
            return new TermEvidence(term.Text, rows, rows, null, options.UnknownWordWeight, 0, 0);
        }

        var strongRows = session.Match(FtsQuery.InColumns(FtsQuery.PhrasingColumns, any));
        var phrasingRows = session.MatchPhrasings(any);
        var idf = Math.Log(1 + (documentCount / (rows.Count + 0.5)));
        if (StopWords.Weak.Contains(term.Text))
        {
            idf *= options.WeakWordFactor;
        }
        else if (commonWords.Contains(term.Text) && !isDomainTerm(session, term))
        {
            // Everyday words the articles happen to use ("keeps", "showing", "files") say less about what is asked
            // than the domain's own: out of scope, they are all a question shares with the articles.
            idf *= options.EverydayKnownWordFactor;
        }
        else if (term.Text.All(char.IsAsciiDigit))
        {
            // A year or a figure names one fact ("2018", "50"): an entry without it is about something else.
            idf *= options.NumberFactor;
        }

        // A corrected word may have been a real word we do not know ("timer" is not "time"): it weighs
        // in the total as an unknown word would, and counts only partly when matched.
        return term.CorrectedFrom is null
            ? new TermEvidence(term.Text, rows, strongRows, phrasingRows, idf, idf, idf)
            : new TermEvidence(term.Text, rows, strongRows, phrasingRows, Math.Max(idf, options.UnknownWordWeight), idf * options.CorrectedWordFactor, idf * options.CorrectedWordFactor);
    }

    /// <summary>What one topic word of the question contributes.</summary>
    /// <param name="Term">The word or phrase.</param>
    /// <param name="Rows">Documents containing it (or a synonym) anywhere.</param>
    /// <param name="StrongRows">Documents containing it in the question, phrasings or tags.</param>
    /// <param name="PhrasingRows">FAQ phrasings containing it (null when no document does).</param>
    /// <param name="Weight">Its share of the question's total.</param>
    /// <param name="MatchedWeight">What a document containing it gains.</param>
    /// <param name="Idf">Its rarity, for the evidence floor.</param>
    private readonly record struct TermEvidence(string Term, RowSet Rows, RowSet StrongRows, RowSet? PhrasingRows, double Weight, double MatchedWeight, double Idf);
}
