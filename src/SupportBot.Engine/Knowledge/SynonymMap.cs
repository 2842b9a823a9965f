using SupportBot.Engine.Analysis;

namespace SupportBot.Engine.Knowledge;

/// <summary>
/// Domain synonym groups from <c>knowledge/synonyms.txt</c>. Members are normalised the same way questions
/// are, so a lookup by normalised phrase finds the group whatever the customer's casing or punctuation.
/// </summary>
public sealed class SynonymMap
{
    /// <summary>Marks a group of everyday words in synonyms.txt: <c>everyday: laptop, computer, pc</c>.</summary>
    public const string EverydayPrefix = "everyday:";

    /// <summary>Marks a group that names a place in synonyms.txt: <c>place: uk, britain, united kingdom</c>.</summary>
    public const string PlacePrefix = "place:";

    private readonly Dictionary<string, int> _groupOf;
    private readonly List<string[]> _groups;
    private readonly HashSet<int> _everyday;
    private readonly HashSet<int> _places;

    private SynonymMap(List<string[]> groups, HashSet<int> everyday, HashSet<int> places)
    {
        _groups = groups;
        _everyday = everyday;
        _places = places;
        _groupOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var member in groups[g])
            {
                // A phrase in two groups joins the first: later lines cannot silently widen earlier ones.
                _groupOf.TryAdd(member, g);
            }
        }

        MaxPhraseWords = groups.SelectMany(g => g).Select(m => m.Split(' ').Length).DefaultIfEmpty(1).Max();
    }

    private SynonymMap(SynonymMap all, List<string[]> searched)
    {
        _groupOf = all._groupOf;
        _groups = searched;
        _everyday = all._everyday;
        _places = all._places;
        MaxPhraseWords = all.MaxPhraseWords;
    }

    public static SynonymMap Empty { get; } = new([], [], []);

    /// <summary>The longest member, in words: how far phrase matching needs to look ahead.</summary>
    public int MaxPhraseWords { get; }

    public IReadOnlyList<IReadOnlyList<string>> Groups => _groups;

    /// <summary>All members of the group <paramref name="phrase"/> belongs to, or null.</summary>
    public IReadOnlyList<string>? Lookup(string phrase) =>
        _groupOf.TryGetValue(phrase, out var g) ? _groups[g] : null;

    /// <summary>
    /// Whether <paramref name="phrase"/> belongs to a group marked everyday: words every tech-support question
    /// uses ("laptop", "hackers", "windows update"). They match like any synonym, but alone they do not make a question
    /// about this knowledge base's subject ("my laptop is running slow").
    /// </summary>
    public bool IsEveryday(string phrase) => _groupOf.TryGetValue(phrase, out var g) && _everyday.Contains(g);

    /// <summary>
    /// Whether <paramref name="phrase"/> belongs to a group marked as a place ("canada", "the uk"). An entry that
    /// never names the place a question asks about answers for somewhere else: the wind-down in the US is not the
    /// wind-down in Canada.
    /// </summary>
    public bool IsPlace(string phrase) => _groupOf.TryGetValue(phrase, out var g) && _places.Contains(g);

    public IEnumerable<string> AllWords => _groups.SelectMany(g => g).SelectMany(m => m.Split(' '));

    /// <summary>
    /// The same map for searching: every member is still recognised in a question, but a lookup gives only the
    /// members the knowledge base contains (<paramref name="occurs"/>), since the rest can never match and
    /// only make each query longer ("pull the plug", "going out of business"). A group none of whose members
    /// occurs keeps its first, so no lookup is ever empty.
    /// </summary>
    public SynonymMap Searchable(Func<string, bool> occurs)
    {
        ArgumentNullException.ThrowIfNull(occurs);
        return new SynonymMap(this, _groups.Select(g => g.Where(occurs).DefaultIfEmpty(g[0]).ToArray()).ToList());
    }

    internal static SynonymMap Read(string file, string text, List<KnowledgeProblem> problems)
    {
        var groups = new List<string[]>();
        var everyday = new HashSet<int>();
        var places = new HashSet<int>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var isEveryday = TrimPrefix(ref line, EverydayPrefix);
            var isPlace = !isEveryday && TrimPrefix(ref line, PlacePrefix);

            var members = line.Split(',')
                .Select(m => TextNormalizer.Normalize(m))
                .Where(m => m.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            if (members.Length < 2)
            {
                problems.Add(new KnowledgeProblem(file, i + 1, "a synonym group needs at least two comma-separated members"));
                continue;
            }

            (isEveryday ? everyday : isPlace ? places : null)?.Add(groups.Count);
            groups.Add(members);
        }

        return new SynonymMap(groups, everyday, places);
    }

    /// <summary>Takes a group's marker (<c>everyday:</c>, <c>place:</c>) off the start of its line, if it has it.</summary>
    private static bool TrimPrefix(ref string line, string prefix)
    {
        var trimmed = line.TrimStart();
        if (!trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        line = trimmed[prefix.Length..];
        return true;
    }
}
