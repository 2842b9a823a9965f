namespace SupportBot.Engine.Answering;

/// <summary>
/// The answer engine's thresholds and weights, in one place. Bound from the <c>Answering</c> configuration
/// section. The defaults were tuned on the question sets under <c>tests/eval</c> (see docs/benchmarks.md).
/// </summary>
public sealed class AnswerEngineOptions
{
    public const string SectionName = "Answering";

    /// <summary>Minimum confidence to answer with an FAQ entry. Default 0.5.</summary>
    public double FaqThreshold { get; set; } = 0.5;

    /// <summary>Minimum confidence to answer with a bare article passage. Default 0.6.</summary>
    public double PassageThreshold { get; set; } = 0.6;

    /// <summary>
    /// Weight of a word the knowledge base has never seen, relative to inverse document frequency.
    /// Unknown words are the best sign a question is out of scope, but one odd word should not sink an
    /// in-scope question. Default 2.
    /// </summary>
    public double UnknownWordWeight { get; set; } = 2.0;

    /// <summary>How many unknown words of a question weigh in full before the rest diminish. Default 2.</summary>
    public int UnknownWordsAtFullWeight { get; set; } = 2;

    /// <summary>
    /// Weight of an everyday English word the knowledge base lacks, in a question that already names its
    /// topic with two telling words (naming the subject, "kaspersky", counts as one). Default 0.5.
    /// </summary>
    public double EverydayWordFactor { get; set; } = 0.5;

    /// <summary>Weight of a number (a year, a figure) relative to its rarity. Default 2.</summary>
    public double NumberFactor { get; set; } = 2.0;

    /// <summary>
    /// In a question that never names the subject every document shares ("kaspersky", "us"), an unknown word
    /// weighs at least this multiple of its most telling known word ("weather" in "what's the weather in moscow").
    /// Default 1.1.
    /// </summary>
    public double SubjectlessUnknownWordShare { get; set; } = 1.1;

    /// <summary>Each further unknown word in a question weighs this much of the one before. Default 0.6.</summary>
    public double UnknownWordDecay { get; set; } = 0.6;

    /// <summary>How much a spelling-corrected word counts when matched, relative to one typed correctly. Default 0.8.</summary>
    public double CorrectedWordFactor { get; set; } = 0.8;

    /// <summary>Share of an FAQ's coverage that comes from its closest single phrasing. Default 0.2.</summary>
    public double PhrasingCoverageShare { get; set; } = 0.2;

    /// <summary>Credit for a word an FAQ has only in its answer, not in its phrasings or tags. Default 0.6.</summary>
    public double AnswerOnlyCredit { get; set; } = 0.6;

    /// <summary>Weight of everyday words ("time", "name", "work") relative to their rarity here. Default 0.35.</summary>
    public double WeakWordFactor { get; set; } = 0.35;

    /// <summary>
    /// Weight, relative to its rarity, of a common English word the articles happen to use ("keeps", "showing",
    /// "files") but the domain's vocabulary (synonym groups, FAQ tags) does not name. 1 turns it off. Default 0.5.
    /// </summary>
    public double EverydayKnownWordFactor { get; set; } = 0.5;

    /// <summary>Share of the re-ranking score from bm25 over whole documents. Default 0.15.</summary>
    public double Bm25Share { get; set; } = 0.15;

    /// <summary>
    /// Share of the re-ranking score from the similarity of the question to an FAQ's closest single phrasing
    /// (the rest is coverage). Default 0.5.
    /// </summary>
    public double PhrasingShare { get; set; } = 0.5;

    /// <summary>Added to FAQ entries' re-ranking score: written answers beat raw passages. Default 0.1.</summary>
    public double FaqPrior { get; set; } = 0.1;

    /// <summary>Confidence factor for a question with a single topic word. Default 0.85.</summary>
    public double SingleWordFactor { get; set; } = 0.85;

    /// <summary>
    /// Rarity (summed inverse document frequency) of the matched words below which confidence is scaled
    /// down: a question matching only words found everywhere says nothing specific. Default 1.5.
    /// </summary>
    public double MinEvidence { get; set; } = 1.5;

    /// <summary>Who customers are told to contact when the bot hands off to a person.</summary>
    public string SupportContact { get; set; } = "our customer support team through the Contact Us page";

    /// <summary>
    /// When the runner-up FAQ scores at least this share of the best one (and both clear the threshold),
    /// the bot asks which was meant. Default 0.995.
    /// </summary>
    public double ClarifyRatio { get; set; } = 0.995;

    /// <summary>
    /// Terms found in more than this share of documents are left out of bm25 ranking (not of coverage):
    /// they cannot tell documents apart and make every row a candidate. Default 0.5.
    /// </summary>
    public double RankingTermMaxShare { get; set; } = 0.5;

    /// <summary>How many of the best-ranked candidates may answer (the first that clears its threshold). Default 1.</summary>
    public int AnswerFromTop { get; set; } = 1;

    /// <summary>Confidence from which the engine answers even when another document ranks close. Default 0.75.</summary>
    public double SureConfidence { get; set; } = 0.75;

    /// <summary>
    /// Below <see cref="SureConfidence"/>, the best document must lead the next by this share of its score,
    /// or the engine asks which was meant (or falls back). Default 0.1.
    /// </summary>
    public double AmbiguityMargin { get; set; } = 0.1;

    /// <summary>
    /// Confidence and score factor for a document that never names a place the question names ("updates in Canada"
    /// and the entry about the US cutoff): what it says is about somewhere else. 1 turns it off. Default 0.5.
    /// </summary>
    public double PlaceMismatchFactor { get; set; } = 0.5;

    /// <summary>
    /// How many of the best-ranked candidates are weighed when a known gap and an answer compete: a gap among them may
    /// answer instead of the chosen entry when it is surer and about a word of the question the entry only mentions in
    /// its answer, or when it has a weighty word the entry lacks altogether (<see cref="GapLackedWordShare"/>); an answer
    /// among them may replace a chosen gap it ties (<see cref="GapTieMargin"/>). 0 turns all three off. Default 3.
    /// </summary>
    public int GapPreferenceReach { get; set; } = 3;

    /// <summary>
    /// A known gap that ranks first leads an answer as sure as it by less than this share of its score, and has no
    /// word of the question the answer lacks: the answer is given ("can i keep using kaspersky" is not the gap for
    /// getting updates through a VPN). 0 turns it off. Default 0.03.
    /// </summary>
    public double GapTieMargin { get; set; } = 0.03;

    /// <summary>
    /// A known gap answers instead of the chosen entry when it has every word of the question the entry has, and one the
    /// entry lacks altogether that weighs at least this share of the question ("severance" in "how much severance did
    /// laid-off staff get"). Lighter words the entry lacks are the customer's own ("gave" in "the figure kaspersky gave").
    /// Above 1 turns it off. Default 0.25.
    /// </summary>
    public double GapLackedWordShare { get; set; } = 0.25;

    /// <summary>Extra phrasing similarity when a phrasing asks with the same question words (how, when…). Default 0.15.</summary>
    public double SameQuestionWordBonus { get; set; } = 0.15;

    /// <summary>
    /// Weight, like a word's, of the kind of question asked (why, when, who…) in an entry's coverage: an entry
    /// whose phrasings ask that way has it, any other lacks it. 0 turns it off. Default 0.8.
    /// </summary>
    public double QuestionKindWeight { get; set; } = 0.8;

    /// <summary>
    /// Confidence and score factor for an FAQ whose phrasings never ask the kind of question asked (a "why"
    /// question and an entry only ever asked "when"). Default 0.75.
    /// </summary>
    public double QuestionKindMismatchFactor { get; set; } = 0.75;

    /// <summary>
    /// Confidence and score factor for an FAQ none of whose phrasings asks for the thing a "which …" question
    /// asks for ("which antivirus should i switch to" and an entry asked "do i need to switch antivirus"). Default 0.75.
    /// </summary>
    public double AskedForMismatchFactor { get; set; } = 0.75;

    /// <summary>
    /// Answer only a question with at least one word of the domain (a synonym group member, an FAQ tag or a
    /// figure); any other falls back, whatever everyday words it shares with the articles. Default true.
    /// </summary>
    public bool RequireDomainWord { get; set; } = true;

    /// <summary>
    /// A message with no known small-talk pattern is still small talk when it carries an intent's cues (see
    /// responses.yaml) and at most this many other words ("you've been very patient"); more, and the words are
    /// a request of their own ("translate hello into spanish"). Default 1.
    /// </summary>
    public int SmallTalkCueMaxOtherWords { get; set; } = 1;

    /// <summary>
    /// The same for a question about the bot itself ("Are you a real person or one of those computer programs my
    /// daughter told me about?"): its other words are about the bot, seldom a request of their own. Default 5.
    /// </summary>
    public int SmallTalkAboutTheBotMaxOtherWords { get; set; } = 5;

    /// <summary>
    /// Most questions of one message answered together ("why was it banned and when did it start"); 1 answers
    /// only the one the engine is surest of. Default 2.
    /// </summary>
    public int MaxAnswersPerMessage { get; set; } = 2;

    /// <summary>Follow-up or closest-topic suggestions offered. Default 3.</summary>
    public int Suggestions { get; set; } = 3;

    /// <summary>Longest question accepted, in characters. Default 2000.</summary>
    public int MaxQuestionLength { get; set; } = 2000;
}
