using System.Text;
using SupportBot.Engine.Analysis;

namespace SupportBot.Engine.Tests.Analysis;

public sealed class TextNormalizerTests
{
    [Theory]
    // dates, however typed, become "month day [year]"
    [InlineData("9/29", "september 29")]
    [InlineData("Sept 29th", "september 29")]
    [InlineData("Sept. 29, 2024", "september 29 2024")]
    [InlineData("29 September 2024", "september 29 2024")]
    [InlineData("29th of September", "september 29")]
    [InlineData("7/20/24", "july 20 2024")]
    [InlineData("7/20/2024", "july 20 2024")]
    [InlineData("July 20th", "july 20")]
    [InlineData("2024-09-29", "september 29 2024")]
    [InlineData("updates stop on 9/29?", "updates stop on september 29")]
    [InlineData("anything in sept", "anything in september")]
    [InlineData("may I ask", "may i ask")]
    [InlineData("13/45", "13 45")]
    // case, diacritics and punctuation
    [InlineData("Kaspérsky", "kaspersky")]
    [InlineData("KASPERSKY Lab", "kaspersky lab")]
    [InlineData("Café naïve Ångström", "cafe naive angstrom")]
    [InlineData("  Hello,   WORLD!!  ", "hello world")]
    [InlineData("???", "")]
    [InlineData("", "")]
    [InlineData("AT&T", "at and t")]
    [InlineData("10%", "10 percent")]
    [InlineData("nearly 10% of income", "nearly 10 percent of income")]
    [InlineData("U.S.", "us")]
    [InlineData("the U.S.A. market", "the usa market")]
    [InlineData("in the U.S. now", "in the us now")]
    // apostrophes: curly or straight, contractions spelled out, possessives dropped
    [InlineData("can't", "can not")]
    [InlineData("can’t update", "can not update")]
    [InlineData("cannot", "can not")]
    [InlineData("won't", "will not")]
    [InlineData("doesn’t work", "does not work")]
    [InlineData("I'm done", "i am done")]
    [InlineData("they're gone", "they are gone")]
    [InlineData("we’ll see", "we will see")]
    [InlineData("I've paid", "i have paid")]
    [InlineData("Kaspersky’s network", "kaspersky network")]
    [InlineData("Kaspersky's network", "kaspersky network")]
    [InlineData("what's the deadline", "what the deadline")]
    [InlineData("what’s the deadline", "what the deadline")]
    [InlineData("whats the deadline", "what the deadline")]
    // negations typed without their apostrophe keep their "not"
    [InlineData("what services arent banned", "what services are not banned")]
    [InlineData("i cant update", "i can not update")]
    [InlineData("it doesnt work", "it does not work")]
    [InlineData("kaspersky wont update", "kaspersky will not update")]
    [InlineData("fed ban on kasp", "federal ban on kaspersky")]
    [InlineData("w/o updates is it safe", "without updates is it safe")]
    [InlineData("b/c of what", "because of what")]
    [InlineData("w/ kasp", "with kaspersky")]
    [InlineData("free prods how many mo", "free products how many months")]
    [InlineData("us emps laid off num", "us employees laid off number")]
    [InlineData("i'm fed up with kaspersky", "i am fed up with kaspersky")]
    [InlineData("I was told Kaspersky is leaving", "i heard kaspersky is leaving")]
    [InlineData("my nephew told me it is banned", "i heard it is banned")]
    [InlineData("what were customers told", "what were customers told")]
    [InlineData("Would you be so kind as to explain it?", "would you please explain it")]
    [InlineData("what kind of company is kaspersky", "what kind of company is kaspersky")]
    [InlineData("whn do i hav to switch", "when do i have to switch")]
    [InlineData("winddown start dt", "winddown start date")]
    [InlineData("wich govts banned it", "which governments banned it")]
    [InlineData("us biz w kasp", "us business with kaspersky")]
    [InlineData("which dept banned kasp", "which department banned kaspersky")]
    [InlineData("6 mo free", "6 months free")]
    [InlineData("kaspersky revenue in $", "kaspersky revenue in dollars")]
    [InlineData("a $50 licence", "a 50 dollars licence")]
    public void Normalize_Input_GivesExactForm(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("9/29")]
    [InlineData("Sept 29th")]
    [InlineData("sep 29")]
    [InlineData("September 29")]
    [InlineData("29 Sept")]
    [InlineData("29th of september")]
    public void Normalize_SameDateTypedDifferently_GivesOneForm(string typed)
    {
        Assert.Equal(TextNormalizer.Normalize("september 29"), TextNormalizer.Normalize(typed));
    }

    [Theory]
    [InlineData("updates stopped on ９/２９")] // full-width digits, as typed with a Japanese or Chinese input method
    [InlineData("٩/٢٩")] // Arabic-Indic digits
    [InlineData("२९ september")] // Devanagari digits
    [InlineData("１０%")]
    public void Normalize_NonAsciiDigits_DoesNotThrow(string input)
    {
        var normalized = TextNormalizer.Normalize(input);

        Assert.NotEmpty(normalized);
    }

    [Fact]
    public void Words_NormalizedText_SplitsOnSpaces()
    {
        Assert.Equal(["when", "did", "updates", "stop"], TextNormalizer.Words(TextNormalizer.Normalize("When did updates STOP?")));
        Assert.Empty(TextNormalizer.Words(TextNormalizer.Normalize(" … ")));
    }

    [Theory]
    [InlineData("2024 did \uFFFE updates", "2024 did updates")]
    [InlineData("updates\uFFFF stop", "updates stop")]
    [InlineData("\uFDD0offer\uFDEF", "offer")]
    [InlineData("free \uD83F\uDFFE offer", "free offer")]
    [InlineData("free \uDBFF\uDFFF offer \uDAF5\uDD3B", "free offer")]
    public void Normalize_Noncharacters_DroppedNotThrown(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(input));
    }

    [Theory]
    // The steps a text cannot need are skipped (no digit: no dates; no shorthand word, lone month, "told", full stop
    // or apostrophe: no rewriting); those it needs still run wherever the word stands.
    [InlineData("u r here", "you are here")]
    [InlineData("ppl,govt;u.", "people government you")]
    [InlineData("é ppl é", "e people e")]
    [InlineData("éppl pplé ppl_ _ppl ppl\u0301", "eppl pple ppl ppl people")]
    [InlineData("sept", "september")]
    [InlineData("jan.", "january")]
    [InlineData("sept1 1sept septé", "sept1 1sept septe")]
    [InlineData("in sept, 29 of them", "in september 29 of them")]
    [InlineData("someone told us", "i heard")]
    [InlineData("untold stories", "untold stories")]
    [InlineData("no digits here", "no digits here")]
    [InlineData("Ｕ ｒ", "ｕ ｒ")]
    public void Normalize_WordsTheStepsLookFor_RewrittenOnlyWhereTheyStand(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(input));
    }

    [Fact]
    public void Normalize_NullText_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TextNormalizer.Normalize(null!));
    }

    [Fact]
    public void Normalize_RandomUnicode_NeverThrowsAndGivesWordsSeparatedBySingleSpaces()
    {
        var random = new Random(1234);
        for (var i = 0; i < 1000; i++)
        {
            var input = RandomText(random);

            var normalized = TextNormalizer.Normalize(input);

            var shown = string.Join(' ', input.Select(c => ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)));
            Assert.True(normalized.All(c => c == ' ' || char.IsLetterOrDigit(c)), $"iteration {i}: [{shown}] gave '{normalized}'");
            Assert.False(normalized.StartsWith(' ') || normalized.EndsWith(' ') || normalized.Contains("  ", StringComparison.Ordinal), $"iteration {i}: [{shown}] gave '{normalized}'");
        }
    }

    /// <summary>Random characters from all over Unicode (lone surrogates too), mixed with the pieces the rules look for.</summary>
    internal static string RandomText(Random random)
    {
        string[] pieces = ["/", "'", "’", "‘", "ʼ", "`", ".", "%", "&", "-", " ", "  ", "\t", "\n", "sept", "9/29", "29th", "of", "2024", "u.s.", "can't", "n't", "'s", "é", "\u0301", "İ", "ẞ", "ǅ", "Å"];
        var sb = new StringBuilder();
        var length = random.Next(0, 60);
        for (var j = 0; j < length; j++)
        {
            switch (random.Next(4))
            {
                case 0:
                    sb.Append((char)random.Next(0, 0x10000)); // any UTF-16 unit, lone surrogates included
                    break;
                case 1:
                    sb.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x110000)));
                    break;
                case 2:
                    sb.Append((char)random.Next(0x20, 0x7f));
                    break;
                default:
                    sb.Append(pieces[random.Next(pieces.Length)]);
                    break;
            }
        }

        return sb.ToString();
    }
}
