using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace SupportBot.Privacy;

/// <summary>
/// Replaces e-mail addresses, payment card numbers and phone numbers in customer text with
/// <see cref="Email"/>, <see cref="Card"/> and <see cref="Phone"/> before the text is kept anywhere.
/// Cards are 13–19 digits, optionally grouped by single spaces or dashes, that pass the Luhn check (so order
/// numbers and dates stay). Phones are international numbers (<c>+</c> or <c>00</c>, 7–15 digits) and North
/// American ones (10 digits, optionally <c>+1</c>/<c>1</c>, with spaces, dots, dashes or parentheses; a bare
/// run of ten digits only when its area and exchange codes are valid). Text without an <c>@</c> or a run of
/// seven digits (dates, versions, prices) never reaches a pattern. The patterns are linear (no nested
/// unbounded repetition), so no time-out is set; should a process-wide regex time-out fire anyway, the whole
/// text is replaced by <see cref="Withheld"/> rather than kept.
/// </summary>
public static partial class PiiRedactor
{
    /// <summary>What an e-mail address becomes.</summary>
    public const string Email = "[email]";

    /// <summary>What a phone number becomes.</summary>
    public const string Phone = "[phone]";

    /// <summary>What a payment card number becomes.</summary>
    public const string Card = "[card]";

    /// <summary>What the whole text becomes when it cannot be checked (never expected; safe rather than sorry).</summary>
    public const string Withheld = "[redacted]";

    private const int MinPhoneDigits = 7;
    private const int MaxInternationalDigits = 15;
    private const int NorthAmericanDigits = 10;
    private const int MinCardDigits = 13;
    private const int MaxCardDigits = 19;

    /// <summary>
    /// <paramref name="text"/> with every e-mail address, card number and phone number replaced; the same
    /// instance when there is nothing to replace.
    /// </summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        try
        {
            var result = text;
            if (result.Contains('@', StringComparison.Ordinal))
            {
                result = EmailPattern().Replace(result, Email);
            }

            var digits = LongestNumber(result);
            if (digits >= MinCardDigits)
            {
                result = DigitRunPattern().Replace(result, static m => RedactCards(m.Value));
            }

            if (digits >= MinPhoneDigits)
            {
                result = PhonePattern().Replace(result, static m => RedactPhone(m));
            }

            return string.Equals(result, text, StringComparison.Ordinal) ? text : result;
        }
        catch (RegexMatchTimeoutException)
        {
            return Withheld;
        }
    }

    /// <summary>True when <see cref="Redact"/> would change <paramref name="text"/>.</summary>
    public static bool ContainsPersonalData(string? text) => !ReferenceEquals(Redact(text), text);

    /// <summary>The Luhn (mod 10) check of a string of ASCII digits.</summary>
    public static bool PassesLuhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (d is < 0 or > 9)
            {
                return false;
            }

            if (doubled)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubled = !doubled;
        }

        return digits.Length > 0 && sum % 10 == 0;
    }

    // The domain must end in a letters-only label of two or more, so "version@2" or "a@b" stay. No look-behind:
    // a leftmost match starts where the local part does anyway, and without one the engine searches for "@".
    [GeneratedRegex(
        @"[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}(?![\p{L}\p{N}\-])",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex EmailPattern();

    // Runs of ASCII digit groups joined by one space or dash, not glued to letters (ids, hex) or a "+" (phones).
    [GeneratedRegex(
        @"(?<![\w+])[0-9]+(?:[ \-][0-9]+)*(?!\w)",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex DigitRunPattern();

    // International: + or 00, a country code, then groups (one may be in parentheses) split by space, dot or
    // dash. North American: optional +1/1, area code (in parentheses or not), exchange, line.
    [GeneratedRegex(
        @"(?<intl>(?:(?<![\w+])\+|(?<![\w.+])00)[1-9][0-9]{0,3}(?:[ .\-]?(?:\([0-9]{1,4}\)|[0-9]{1,5})){1,7})"
        + @"|(?<![\w.@/+\-])(?<nanp>(?:1[ .\-]?)?(?:\([0-9]{3}\)|[0-9]{3})[ .\-]?[0-9]{3}[ .\-]?[0-9]{4})(?![0-9])",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex PhonePattern();

    /// <summary>
    /// The most digits in one number-like stretch (digits joined by at most two of <c> .-()+</c> in a row):
    /// what decides whether a phone (7) or card (13) pattern could match at all.
    /// </summary>
    private static int LongestNumber(string text)
    {
        int longest = 0, digits = 0, separators = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
                separators = 0;
                longest = Math.Max(longest, digits);
            }
            else if (c is ' ' or '.' or '-' or '(' or ')' or '+' && ++separators <= 2)
            {
                continue;
            }
            else
            {
                digits = 0;
                separators = 0;
            }
        }

        return longest;
    }

    /// <summary>
    /// Within one run of digit groups, replaces each span of whole groups holding 13–19 digits that passes
    /// Luhn (the longest from the earliest group), so "order 12 4111 1111 1111 1111" loses only the card.
    /// </summary>
    private static string RedactCards(string run)
    {
        var groups = Groups(run);
        var total = 0;
        foreach (var (_, length) in groups)
        {
            total += length;
        }

        if (total < MinCardDigits)
        {
            return run;
        }

        StringBuilder? output = null;
        var copied = 0;
        Span<char> digits = stackalloc char[MaxCardDigits];
        for (var first = 0; first < groups.Count; first++)
        {
            var last = LongestCardFrom(run, groups, first, digits);
            if (last < 0)
            {
                continue;
            }

            output ??= new StringBuilder(run.Length);
            output.Append(run, copied, groups[first].Start - copied).Append(Card);
            copied = groups[last].Start + groups[last].Length;
            first = last;
        }

        return output is null ? run : output.Append(run, copied, run.Length - copied).ToString();
    }

    /// <summary>The last group of the longest Luhn-valid card span starting at group <paramref name="first"/>, or -1.</summary>
    private static int LongestCardFrom(string run, List<(int Start, int Length)> groups, int first, Span<char> buffer)
    {
        var found = -1;
        var count = 0;
        for (var last = first; last < groups.Count; last++)
        {
            var (start, length) = groups[last];
            if (count + length > MaxCardDigits)
            {
                break;
            }

            run.AsSpan(start, length).CopyTo(buffer[count..]);
            count += length;
            if (count >= MinCardDigits && PassesLuhn(buffer[..count]))
            {
                found = last;
            }
        }

        return found;
    }

    private static List<(int Start, int Length)> Groups(string run)
    {
        var groups = new List<(int Start, int Length)>();
        var start = -1;
        for (var i = 0; i <= run.Length; i++)
        {
            var isDigit = i < run.Length && char.IsAsciiDigit(run[i]);
            if (isDigit && start < 0)
            {
                start = i;
            }
            else if (!isDigit && start >= 0)
            {
                groups.Add((start, i - start));
                start = -1;
            }
        }

        return groups;
    }

    private static string RedactPhone(Match match)
    {
        if (match.Groups["intl"].Success)
        {
            return RedactInternational(match.Value);
        }

        // The pattern allows exactly ten digits, or eleven after a leading 1.
        var value = match.Value;
        Span<char> digits = stackalloc char[NorthAmericanDigits + 1];
        var count = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c) && count < digits.Length)
            {
                digits[count++] = c;
            }
        }

        var national = count > NorthAmericanDigits ? digits[1..] : digits[..count];

        // Formatted numbers are phones; a bare run of digits only with a valid area and exchange code (2–9),
        // so most ten-digit order or ticket numbers stay.
        var formatted = value.AsSpan().IndexOfAny(" .-()") >= 0;
        return formatted || (national[0] >= '2' && national[3] >= '2') ? Phone : value;
    }

    /// <summary>
    /// The international number, cut after the last group that keeps it within 15 digits (E.164), so a
    /// number followed by a year or a count keeps that; text with too few digits stays.
    /// </summary>
    private static string RedactInternational(string value)
    {
        var start = value.StartsWith("00", StringComparison.Ordinal) ? 2 : 1;
        var digits = 0;
        var end = -1;
        var i = start;
        while (i < value.Length)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                i++;
                continue;
            }

            var groupEnd = i;
            while (groupEnd < value.Length && char.IsAsciiDigit(value[groupEnd]))
            {
                groupEnd++;
            }

            if (digits + (groupEnd - i) > MaxInternationalDigits)
            {
                break;
            }

            digits += groupEnd - i;
            end = groupEnd;
            i = groupEnd;
        }

        if (digits < MinPhoneDigits)
        {
            return value;
        }

        // A closing parenthesis belongs to the number.
        if (end < value.Length && value[end] == ')')
        {
            end++;
        }

        return Phone + value[end..];
    }
}
