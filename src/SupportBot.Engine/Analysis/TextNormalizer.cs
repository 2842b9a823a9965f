using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SupportBot.Engine.Analysis;

/// <summary>
/// Brings a question (and every knowledge phrase it is compared with) to one form: lower case, no
/// diacritics, straight apostrophes, contractions spelled out, dates written as "september 29 2024"
/// whether typed as 9/29, Sept 29th or 29 September, punctuation removed, single spaces.
/// </summary>
public static partial class TextNormalizer
{
    private static readonly Dictionary<string, string> Months = new(StringComparer.Ordinal)
    {
        ["jan"] = "january", ["january"] = "january", ["feb"] = "february", ["february"] = "february",
        ["mar"] = "march", ["march"] = "march", ["apr"] = "april", ["april"] = "april", ["may"] = "may",
        ["jun"] = "june", ["june"] = "june", ["jul"] = "july", ["july"] = "july", ["aug"] = "august",
        ["august"] = "august", ["sep"] = "september", ["sept"] = "september", ["september"] = "september",
        ["oct"] = "october", ["october"] = "october", ["nov"] = "november", ["november"] = "november",
        ["dec"] = "december", ["december"] = "december",
    };

    /// <summary>How people type in a chat box, spelled out so that search and synonyms see the real words.</summary>
    private static readonly Dictionary<string, string> Shorthand = new(StringComparer.Ordinal)
    {
        ["ppl"] = "people", ["govt"] = "government", ["gov"] = "government", ["bc"] = "because", ["cuz"] = "because",
        ["pls"] = "please", ["plz"] = "please", ["u"] = "you", ["ur"] = "your", ["r"] = "are", ["thx"] = "thanks",
        ["ty"] = "thanks", ["yrs"] = "years", ["yr"] = "year", ["abt"] = "about", ["w"] = "with", ["wks"] = "weeks",
        ["msg"] = "message", ["info"] = "information", ["b4"] = "before", ["2day"] = "today", ["tmrw"] = "tomorrow",
        ["wen"] = "when", ["wat"] = "what", ["wut"] = "what", ["y"] = "why", ["hw"] = "how", ["cust"] = "customer",
        ["whn"] = "when", ["wht"] = "what", ["hav"] = "have", ["hv"] = "have", ["shud"] = "should", ["shld"] = "should",
        ["cud"] = "could", ["wud"] = "would", ["thru"] = "through", ["cx"] = "customer", ["dt"] = "date",
        ["biz"] = "business", ["govts"] = "governments", ["wich"] = "which", ["mo"] = "months", ["mos"] = "months",
        ["dept"] = "department", ["depts"] = "departments", ["kasp"] = "kaspersky", ["helo"] = "hello",
        ["prod"] = "product", ["prods"] = "products", ["svc"] = "service", ["svcs"] = "services", ["lic"] = "license",
        ["emps"] = "employees", ["rev"] = "revenue", ["num"] = "number", ["approx"] = "approximately", ["amt"] = "amount",
        // Negations typed without the apostrophe: "not" must survive, or "arent banned" reads as "banned".
        ["arent"] = "are not", ["isnt"] = "is not", ["wasnt"] = "was not", ["werent"] = "were not", ["dont"] = "do not",
        ["doesnt"] = "does not", ["didnt"] = "did not", ["cant"] = "can not", ["wont"] = "will not", ["wouldnt"] = "would not",
        ["couldnt"] = "could not", ["shouldnt"] = "should not", ["havent"] = "have not", ["hasnt"] = "has not",
        ["hadnt"] = "had not", ["aint"] = "is not", ["youre"] = "you are", ["theyre"] = "they are", ["ive"] = "i have",
    };

    /// <summary>
    /// Shorthand <see cref="Shorthand"/> cannot hold: "w/o updates", "b/c of what" (split at the slash they would be
    /// letters, and "w" alone is "with", so this runs first), and "fed ban", "fed agencies" (federal, which the index
    /// would otherwise stem to "feds", the government as a whole), but not "fed up".
    /// </summary>
    private static readonly Dictionary<string, string> IrregularShorthand = new(StringComparer.Ordinal)
    {
        ["w/o"] = "without", ["b/c"] = "because", ["fed"] = "federal",
    };

    private static readonly string[] MonthByNumber =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = RemoveDiacritics(text).ToLowerInvariant();
        s = s.Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u02bc', '\'').Replace('`', '\'');
        s = s.Contains('.', StringComparison.Ordinal) ? Abbreviations().Replace(s, m => m.Value.Replace(".", "", StringComparison.Ordinal)) : s;
        s = Contractions(s);
        s = ApostropheLess().Replace(s, "$1");
        s = Dates(s);
        s = s.Contains('/', StringComparison.Ordinal) || s.Contains("fed", StringComparison.Ordinal)
            ? IrregularShorthandWords().Replace(s, m => IrregularShorthand[m.Value])
            : s;
        s = HasWordOf(s, Shorthand) ? ChatShorthandWords.Replace(s, m => Shorthand[m.Value]) : s;
        // "i was told kaspersky is leaving", "my nephew told me it's banned": hearsay, like "i heard", not a
        // question about what customers were told.
        s = HasTold(s) ? ToldByHearsay().Replace(s, "i heard") : s;
        // "would you be so kind as to explain…": a way of saying please, not a "kind of company".
        s = s.Contains("kind as to", StringComparison.Ordinal) ? SoKindAsTo().Replace(s, "please") : s;
        // "$50" is "50 dollars" (a figure of something, like "50 employees"), "$" alone is "dollars".
        s = s.Contains('$', StringComparison.Ordinal) ? Dollars().Replace(s, m => m.Groups[1].Success ? $" {m.Groups[1].Value} dollars " : " dollars ") : s;
        s = s.Replace("%", " percent ", StringComparison.Ordinal).Replace("&", " and ", StringComparison.Ordinal);
        return CollapseToWords(s);
    }

    /// <summary>Splits normalised text into its words.</summary>
    public static string[] Words(string normalized) =>
        normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string RemoveDiacritics(string text)
    {
        if (HasNoDiacritics(text))
        {
            return text;
        }

        // Normalize refuses strings with unpaired surrogates or noncharacters (U+FFFE…); such text comes from
        // broken clients or fuzzers, not people.
        var decomposed = WithoutInvalidCodePoints(text).Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(c);
            }
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string WithoutInvalidCodePoints(string text)
    {
        char[]? repaired = null;
        for (var i = 0; i < text.Length; i++)
        {
            var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var codePoint = pair ? char.ConvertToUtf32(text[i], text[i + 1]) : text[i];
            if ((char.IsSurrogate(text[i]) && !pair) || IsNoncharacter(codePoint))
            {
                repaired ??= text.ToCharArray();
                repaired[i] = '\uFFFD';
                if (pair)
                {
                    repaired[i + 1] = '\uFFFD';
                }
            }

            if (pair)
            {
                i++;
            }
        }

        return repaired is null ? text : new string(repaired);
    }

    // U+FDD0..U+FDEF and the last two code points of every plane (U+FFFE, U+1FFFF, …) are never text.
    private static bool IsNoncharacter(int codePoint) => codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;

    private static string Contractions(string s)
    {
        s = s.Replace("can't", "can not", StringComparison.Ordinal)
             .Replace("cannot", "can not", StringComparison.Ordinal)
             .Replace("won't", "will not", StringComparison.Ordinal)
             .Replace("n't", " not", StringComparison.Ordinal);
        return !s.Contains('\'', StringComparison.Ordinal) ? s : Suffix().Replace(s, m => m.Groups[1].Value switch
        {
            "re" => " are",
            "ll" => " will",
            "ve" => " have",
            "m" => " am",
            "d" => " would",
            _ => "", // possessive 's and a stray apostrophe carry no meaning for search
        });
    }

    private static string Dates(string s)
    {
        if (HasDigit(s))
        {
            s = IsoDate().Replace(s, m => Date(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), m.Groups[3].Value, m.Groups[1].Value, m.Value));
            s = SlashDate().Replace(s, m => Date(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value, m.Groups[3].Value, m.Value));
            s = MonthDay().Replace(s, m => $" {Months[m.Groups[1].Value]} {int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)}{Year(m.Groups[3].Value)} ");
            s = DayMonth().Replace(s, m => $" {Months[m.Groups[2].Value]} {int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)}{Year(m.Groups[3].Value)} ");
        }

        // A month on its own ("in sept") still means the month; "may" alone is a verb far more often.
        return HasWordOf(s, Months) ? MonthAlone().Replace(s, m => Months[m.Groups[1].Value]) : s;
    }

    private static string Date(int month, string day, string year, string original)
    {
        var d = int.Parse(day, CultureInfo.InvariantCulture);
        return month is < 1 or > 12 || d is < 1 or > 31 ? original : $" {MonthByNumber[month - 1]} {d}{Year(year)} ";
    }

    private static string Year(string year) => year.Length switch
    {
        4 => " " + year,
        2 => " 20" + year,
        _ => "",
    };

    private static string CollapseToWords(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != ' ')
            {
                sb.Append(' ');
            }
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>"whats", "thats", "hows": the apostrophe customers leave out of "what's".</summary>
    [GeneratedRegex(@"\b(what|that|how|where|who|when|there|it|here)s\b")]
    private static partial Regex ApostropheLess();

    /// <summary>Any word of <see cref="Shorthand"/>: built from it, so a new entry needs no second edit.</summary>
    private static readonly Regex ChatShorthandWords = new(
        $@"\b({string.Join('|', Shorthand.Keys.Select(Regex.Escape))})\b", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"\b(?:(?:i|we) (?:was|were|got|get|have been|had been|been) told|(?:someone|somebody|people|a friend|my \w+) told (?:me|us))\b")]
    private static partial Regex ToldByHearsay();

    [GeneratedRegex(@"\b(?:be )?so kind as to\b")]
    private static partial Regex SoKindAsTo();

    /// <summary>Any word of <see cref="IrregularShorthand"/>, "fed" only when it is not "fed up".</summary>
    [GeneratedRegex(@"\b(?:w/o|b/c|fed(?! up\b))\b")]
    private static partial Regex IrregularShorthandWords();

    [GeneratedRegex(@"\$\s*(\d[\d,.]*)?")]
    private static partial Regex Dollars();

    [GeneratedRegex(@"\b(?:[a-z]\.){2,}")]
    private static partial Regex Abbreviations();

    [GeneratedRegex(@"'(re|ll|ve|m|d|s)?\b")]
    private static partial Regex Suffix();

    [GeneratedRegex(@"\b([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b([0-9]{1,2})/([0-9]{1,2})(?:/([0-9]{4}|[0-9]{2}))?\b")]
    private static partial Regex SlashDate();

    [GeneratedRegex(@"\b(jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december)\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?\b(?:,?\s+([0-9]{4})\b)?")]
    private static partial Regex MonthDay();

    [GeneratedRegex(@"\b([0-9]{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december)\b\.?(?:,?\s+([0-9]{4})\b)?")]
    private static partial Regex DayMonth();

    [GeneratedRegex(@"\b(sept?|jan|feb|apr|aug|oct|nov|dec)\b\.?")]
    private static partial Regex MonthAlone();
}
