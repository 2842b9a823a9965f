using System.Globalization;
using System.Text;
using SupportBot.Privacy;

namespace SupportBot.Tests.Privacy;

public sealed class PiiRedactorTests
{
    // Fixed seeds: a failure names its seed and input, and reruns the same.
    private const int RandomRuns = 3_000;

    [Theory]
    [InlineData("write to jane.doe@example.com please", "write to [email] please")]
    [InlineData("JOHN+support@mail.example.co.uk.", "[email].")]
    [InlineData("<a_b-c@mail-server.example.org>", "<[email]>")]
    [InlineData("josé.müller@exämple.de", "[email]")]
    [InlineData("two: a@b.io, c@d.io", "two: [email], [email]")]
    public void Redact_EmailAddresses_Replaced(string text, string expected) => Assert.Equal(expected, PiiRedactor.Redact(text));

    [Theory]
    [InlineData("call +1 (555) 123-4567 today")]
    [InlineData("call +1 555 123 4567 today")]
    [InlineData("call +1-555-123-4567 today")]
    [InlineData("call +15551234567 today")]
    [InlineData("call (555) 123-4567 today")]
    [InlineData("call (555)123-4567 today")]
    [InlineData("call 555-123-4567 today")]
    [InlineData("call 555.123.4567 today")]
    [InlineData("call 555 123 4567 today")]
    [InlineData("call 1-800-555-0199 today")]
    [InlineData("call 1 (800) 555-0199 today")]
    [InlineData("call 2125550123 today")]
    [InlineData("call +44 20 7946 0958 today")]
    [InlineData("call +44 (0)20 7946 0958 today")]
    [InlineData("call +49 30 12345678 today")]
    [InlineData("call +33 1 23 45 67 89 today")]
    [InlineData("call +7 495 123-45-67 today")]
    [InlineData("call +353.1.234.5678 today")]
    [InlineData("call 0044 20 7946 0958 today")]
    public void Redact_PhoneNumbers_Replaced(string text) =>
        Assert.Equal("call [phone] today", PiiRedactor.Redact(text));

    [Fact]
    public void Redact_InternationalNumberFollowedByAYear_OnlyTheNumberReplaced() =>
        Assert.Equal("reach me on [phone] 2024", PiiRedactor.Redact("reach me on +44 20 7946 0958 2024"));

    [Theory]
    [InlineData("card 4111 1111 1111 1111 was charged")]
    [InlineData("card 4111-1111-1111-1111 was charged")]
    [InlineData("card 4111111111111111 was charged")]
    [InlineData("card 5500 0000 0000 0004 was charged")]
    [InlineData("card 3400 000000 00009 was charged")]
    [InlineData("card 6011 0000 0000 0004 was charged")]
    [InlineData("card 4222222222222 was charged")]
    [InlineData("card 6304 0000 0000 0000 018 was charged")]
    public void Redact_CardNumbersPassingLuhn_Replaced(string text) =>
        Assert.Equal("card [card] was charged", PiiRedactor.Redact(text));

    [Fact]
    public void Redact_CardAfterAnotherNumber_OnlyTheCardReplaced() =>
        Assert.Equal("order 12 [card], thanks", PiiRedactor.Redact("order 12 4111 1111 1111 1111, thanks"));

    [Fact]
    public void Redact_EverythingTogether_EachReplacedTheRestKept() => Assert.Equal(
        "I renewed on 9/29/2024 with card [card]; mail [email] or call [phone] about version 21.3",
        PiiRedactor.Redact("I renewed on 9/29/2024 with card 4111 1111 1111 1111; mail jane@example.com or call (555) 123-4567 about version 21.3"));

    [Theory]
    [InlineData("my licence ran out on 9/29/2024")]
    [InlineData("on 09/29/2024 at 10:30")]
    [InlineData("dates 2024-09-29 and 29.09.2024 and 09-29-2024")]
    [InlineData("since 2024, and in 2025")]
    [InlineData("Kaspersky Standard version 21.3 or 21.17.7.539")]
    [InlineData("order 1234567890123 is late")]
    [InlineData("order number 4111 1111 1111 1112")]
    [InlineData("ticket 5551234567 and 1234567890")]
    [InlineData("serial 12345678901234567890123")]
    [InlineData("it cost $1,299.99, about 1,000,000 people")]
    [InlineData("server 192.168.100.200 port 8080")]
    [InlineData("key ABCDE-12345-FGHIJ-67890 and id 0f4c1f60-8a0a-11ef-9d1b-5f0d0f8e2f11")]
    [InlineData("@SupportBot is kaspersky.com still up? user@localhost")]
    [InlineData("+5 points, +20.3%, 3 of 4")]
    [InlineData("")]
    public void Redact_DatesYearsVersionsAndOtherNumbers_Unchanged(string text) =>
        Assert.Same(text, PiiRedactor.Redact(text));

    [Fact]
    public void Redact_Null_Null() => Assert.Null(PiiRedactor.Redact(null));

    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("79927398713", true)]
    [InlineData("0", true)]
    [InlineData("", false)]
    [InlineData("12a4", false)]
    public void PassesLuhn_KnownNumbers_Checked(string digits, bool expected) => Assert.Equal(expected, PiiRedactor.PassesLuhn(digits));

    [Fact]
    public void Redact_RandomText_NeverThrowsAndIsIdempotent()
    {
        const string alphabet = "0123456789 0123456789 ---...()++@@//:,;abcxyzAZé\u00a0\t\n\u2212\u0661";
        for (var seed = 0; seed < RandomRuns; seed++)
        {
            var random = new Random(seed);
            var text = new string(Enumerable.Range(0, random.Next(0, 300)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

            var once = PiiRedactor.Redact(text);
            var twice = PiiRedactor.Redact(once);

            Assert.True(once == twice, $"seed {seed}: '{text}' -> '{once}' -> '{twice}'");
        }
    }

    [Fact]
    public void Redact_RandomCardsPhonesAndEmailsInRandomText_AlwaysReplaced()
    {
        for (var seed = 0; seed < RandomRuns; seed++)
        {
            var random = new Random(seed);
            var (secret, token) = (random.Next(3)) switch
            {
                0 => (RandomCard(random), PiiRedactor.Card),
                1 => (RandomPhone(random), PiiRedactor.Phone),
                _ => (RandomEmail(random), PiiRedactor.Email),
            };
            var text = $"{Filler(random)} {secret}{random.GetItems<string>([" ", ". ", ", ", "! ", "\n"], 1)[0]}{Filler(random)}";

            var redacted = PiiRedactor.Redact(text);

            Assert.True(redacted.Contains(token, StringComparison.Ordinal) && !redacted.Contains(secret, StringComparison.Ordinal), $"seed {seed}: '{text}' -> '{redacted}'");
        }
    }

    [Fact]
    public void Redact_RandomDatesYearsAndVersionsInRandomText_Unchanged()
    {
        for (var seed = 0; seed < RandomRuns; seed++)
        {
            var random = new Random(seed);
            var date = new DateTime(2000, 1, 1).AddDays(random.Next(0, 20_000));
            var kept = random.Next(6) switch
            {
                0 => date.ToString("M/d/yyyy", CultureInfo.InvariantCulture),
                1 => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                2 => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
                3 => date.ToString("MM-dd-yyyy HH:mm", CultureInfo.InvariantCulture),
                4 => date.Year.ToString(CultureInfo.InvariantCulture),
                _ => $"version {random.Next(1, 40)}.{random.Next(0, 30)}.{random.Next(0, 20)}.{random.Next(0, 999)}",
            };
            var text = $"{Filler(random)} {kept} {Filler(random)}";

            Assert.True(ReferenceEquals(text, PiiRedactor.Redact(text)), $"seed {seed}: '{text}' -> '{PiiRedactor.Redact(text)}'");
        }
    }

    [Fact]
    public void Redact_HugeAdversarialInput_NeverThrows()
    {
        string[] inputs =
        [
            string.Concat(Enumerable.Repeat("1 ", 50_000)),
            string.Concat(Enumerable.Repeat("a@", 50_000)),
            string.Concat(Enumerable.Repeat("a.", 50_000)) + "@",
            "x@" + string.Concat(Enumerable.Repeat("a-", 50_000)),
            "+" + string.Concat(Enumerable.Repeat("1-", 50_000)),
            new string('9', 100_000),
        ];

        foreach (var input in inputs)
        {
            var redacted = PiiRedactor.Redact(input);
            Assert.NotNull(redacted);
        }
    }

    private static string Filler(Random random)
    {
        string[] words = ["my", "licence", "renewal", "was", "refunded", "why", "Kaspersky", "left", "the", "US", "UltraAV", "card", "email", "phone", "order", "is"];
        return string.Join(' ', random.GetItems(words, random.Next(0, 8)));
    }

    private static string RandomCard(Random random)
    {
        var length = random.Next(13, 20);
        var digits = new StringBuilder().Append((char)('2' + random.Next(5)));
        while (digits.Length < length - 1)
        {
            digits.Append((char)('0' + random.Next(10)));
        }

        digits.Append(LuhnCheckDigit(digits.ToString()));
        var separator = random.GetItems<string>(["", " ", "-"], 1)[0];
        return separator.Length == 0 ? digits.ToString() : string.Join(separator, digits.ToString().Chunk(4).Select(c => new string(c)));
    }

    private static char LuhnCheckDigit(string payload)
    {
        for (var check = '0'; check <= '9'; check++)
        {
            if (PiiRedactor.PassesLuhn(payload + check))
            {
                return check;
            }
        }

        throw new InvalidOperationException("unreachable");
    }

    private static string RandomPhone(Random random)
    {
        string D(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10))));
        var area = (char)('2' + random.Next(8)) + D(2);
        var exchange = (char)('2' + random.Next(8)) + D(2);
        var line = D(4);
        return random.Next(8) switch
        {
            0 => $"({area}) {exchange}-{line}",
            1 => $"{area}-{exchange}-{line}",
            2 => $"{area}.{exchange}.{line}",
            3 => $"+1 {area} {exchange} {line}",
            4 => $"1-{area}-{exchange}-{line}",
            5 => $"{area}{exchange}{line}",
            6 => $"+{random.Next(2, 99)} {D(2)} {D(4)} {D(4)}",
            _ => $"+{random.Next(30, 50)} ({D(1)}){D(2)} {D(3)}-{D(2)}-{D(2)}",
        };
    }

    private static string RandomEmail(Random random)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz0123456789";
        string W(int min, int max) => new(random.GetItems(letters.ToCharArray(), random.Next(min, max)));
        return $"{W(1, 10)}{random.GetItems<string>(["", ".", "_", "+", "-"], 1)[0]}{W(1, 10)}@{W(1, 12)}.{random.GetItems<string>(["com", "org", "co.uk", "de", "io"], 1)[0]}";
    }
}
