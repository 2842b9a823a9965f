using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SupportBot.Engine.Answering;

internal sealed partial class CandidateScorer
{
    /// <summary>Most phrasings an entry may have for its tallies to live on the stack.</summary>
    private const int MaxStackPhrasings = 256;

    /// <summary>
    /// For each phrasing of one entry, the summed <see cref="TermEvidence.MatchedWeight"/> of the question's terms it
    /// has (added in the terms' order, as a loop over the terms for each phrasing adds them) and how many it has.
    /// </summary>
    /// <remarks>
    /// An entry's phrasings are one range of phrasing rows (<see cref="Indexing.SearchIndex"/> numbers them in document
    /// order), so each term's matches among them are read from its bits a word at a time: testing every phrasing of
    /// every candidate against every term was the largest cost of re-ranking.
    /// </remarks>
    private static void TallyPhrasings(List<TermEvidence> evidence, int[] phrasings, Span<double> weights, Span<int> counts)
    {
        if (phrasings.Length == 0)
        {
            return;
        }

        var first = phrasings[0];
        Debug.Assert(phrasings[^1] == first + phrasings.Length - 1, "an entry's phrasings are one range of rows");
        Span<int> found = phrasings.Length <= MaxStackPhrasings ? stackalloc int[phrasings.Length] : new int[phrasings.Length];
        foreach (ref readonly var term in CollectionsMarshal.AsSpan(evidence))
        {
            if (term.PhrasingRows is not { } rows)
            {
                continue;
            }

            var matched = rows.RowsIn(first, phrasings.Length, found);
            for (var i = 0; i < matched; i++)
            {
                weights[found[i] - first] += term.MatchedWeight;
                counts[found[i] - first]++;
            }
        }
    }
}
