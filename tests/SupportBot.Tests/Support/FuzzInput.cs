using System.Text;
using System.Text.Json.Nodes;

namespace SupportBot.Tests.Support;

/// <summary>
/// Random input for the fuzz tests, all from one seeded <see cref="Random"/> so a failure can be replayed:
/// questions mixing in-scope words with Unicode from everywhere (lone surrogates, control characters,
/// right-to-left marks, combining marks, emoji), markup and search syntax; random JSON; and activities made
/// from real shapes with fields deleted, retyped or replaced.
/// </summary>
internal sealed class FuzzInput(Random random)
{
    private static readonly string[] Words =
    [
        "kaspersky", "updates", "stop", "when", "did", "free", "offer", "ultraav", "refund", "licence", "license", "ban",
        "september", "29", "2024", "us", "what", "do", "I", "now", "antivirus", "renew", "talk to a person", "hi", "thanks",
    ];

    private static readonly string[] Pieces =
    [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</div>", "<at>SupportBot</at>", "**", "__", "[x](javascript:alert(1))",
        "\"", "NEAR(", "*", "OR", "AND", "title:", "{", "}", "^", "-", "'", ";--", "%", "\\", "/", "\0", "\u0001", "\u0007", "\u001b[31m",
        "\u007f", "\u0085", "\u009b", "\u00a0", "\u200b", "\u200d", "\u2028", "\u2029", "\u202e", "\u202c", "\u200f", "\ufeff", "\ufffd",
        "\ud800", "\udfff", "e\u0301\u0301\u0301\u0301", "\u0338\u0338\u0338", "👍🏽", "🇺🇸", "🛡️", "👨‍👩‍👧", "متى توقفت التحديثات",
        "עדכונים", "更新", "İ", "ß", "ǅ", "\r\n", "\t", "   ",
    ];

    private static readonly string[] ActivityTypes =
    [
        "message", "message", "message", "invoke", "event", "conversationUpdate", "typing", "messageReaction", "installationUpdate",
        "endOfConversation", "messageUpdate", "Message", "", "fooBar",
    ];

    private static readonly string[] InvokeNames =
    [
        "composeExtension/query", "composeExtension/selectItem", "adaptiveCard/action", "task/fetch", "signin/verifyState", "", "no/such-invoke",
    ];

    private static readonly string[] Fields =
    [
        "type", "text", "value", "from", "recipient", "conversation", "channelData", "entities", "attachments", "name", "membersAdded",
        "membersRemoved", "timestamp", "localTimestamp", "locale", "textFormat", "replyToId", "id", "channelId", "suggestedActions",
        "reactionsAdded", "action", "deliveryMode", "callerId", "relatesTo", "speak", "inputHint",
    ];

    public Random Random => random;

    public string Question()
    {
        var sb = new StringBuilder();
        var parts = random.Next(10) == 0 ? random.Next(300, 1200) : random.Next(0, 14);
        for (var i = 0; i < parts; i++)
        {
            switch (random.Next(6))
            {
                case 0:
                case 1:
                    sb.Append(Words[random.Next(Words.Length)]);
                    break;
                case 2:
                    sb.Append(Pieces[random.Next(Pieces.Length)]);
                    break;
                case 3:
                    sb.Append((char)random.Next(0, 0x10000));
                    break;
                case 4:
                    sb.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x110000)));
                    break;
                default:
                    sb.Append((char)random.Next(0x20, 0x7f));
                    break;
            }

            if (random.Next(3) > 0)
            {
                sb.Append(' ');
            }
        }

        return sb.ToString();
    }

    public JsonNode? Value(int depth = 0)
    {
        var kind = depth >= 4 ? random.Next(5) : random.Next(8);
        return kind switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(2) == 0),
            2 => JsonValue.Create(random.Next(4) switch { 0 => random.Next(), 1 => -random.NextInt64(), 2 => long.MaxValue, _ => random.NextDouble() * 1e300 }),
            3 or 4 => JsonValue.Create(Question()),
            5 or 6 => new JsonArray(Enumerable.Range(0, random.Next(0, 5)).Select(_ => Value(depth + 1)).ToArray()),
            _ => Object(depth + 1),
        };
    }

    /// <summary>An activity of a real shape, then changed at random (never its serviceUrl: replies must stay on loopback).</summary>
    public JsonObject Activity(JsonObject template)
    {
        var activity = (JsonObject)template.DeepClone();
        activity["type"] = ActivityTypes[random.Next(ActivityTypes.Length)];
        activity["text"] = Question();
        if (activity["type"]!.GetValue<string>() == "invoke" || random.Next(5) == 0)
        {
            activity["name"] = InvokeNames[random.Next(InvokeNames.Length)];
            activity["value"] = random.Next(2) == 0 ? SearchValue() : Value();
        }

        if (random.Next(4) == 0)
        {
            activity["value"] = new JsonObject { ["action"] = random.Next(3) switch { 0 => "feedback", 1 => "handoff", _ => "ask" }, ["question"] = Value(), ["helpful"] = Value(), ["answerId"] = Value() };
        }

        for (var mutations = random.Next(0, 5); mutations > 0; mutations--)
        {
            var field = random.Next(8) == 0 ? Question() : Fields[random.Next(Fields.Length)];
            if (field == "serviceUrl")
            {
                continue;
            }

            if (random.Next(3) == 0)
            {
                activity.Remove(field);
            }
            else
            {
                activity[field] = Value();
            }
        }

        return activity;
    }

    /// <summary>The bytes of <paramref name="json"/>, sometimes with a few bytes changed or the end cut off.</summary>
    public byte[] Bytes(JsonNode json)
    {
        var bytes = Encoding.UTF8.GetBytes(json.ToJsonString());
        switch (random.Next(8))
        {
            case 0:
                for (var i = random.Next(1, 4); i > 0; i--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                return bytes;
            case 1:
                return bytes[..random.Next(bytes.Length)];
            default:
                return bytes;
        }
    }

    private JsonObject Object(int depth)
    {
        var obj = new JsonObject();
        for (var i = random.Next(0, 5); i > 0; i--)
        {
            obj[random.Next(2) == 0 ? Fields[random.Next(Fields.Length)] : Question()] = Value(depth);
        }

        return obj;
    }

    private JsonObject SearchValue() => new()
    {
        ["commandId"] = random.Next(2) == 0 ? "searchFaq" : Value(),
        ["parameters"] = random.Next(4) == 0
            ? Value()
            : new JsonArray(new JsonObject { ["name"] = random.Next(3) == 0 ? "initialRun" : "query", ["value"] = random.Next(4) == 0 ? Value() : Question() }),
        ["queryOptions"] = random.Next(3) == 0 ? Value() : new JsonObject { ["skip"] = Value(), ["count"] = Value() },
    };
}
