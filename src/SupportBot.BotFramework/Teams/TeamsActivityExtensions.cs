using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Teams;

/// <summary>Teams helpers on <see cref="Activity"/>: mention stripping, conversation kind, thread and channel ids.</summary>
public static partial class TeamsActivityExtensions
{
    private const string ThreadMessageIdMarker = ";messageid=";

    /// <summary>
    /// Removes the mentions of the bot (the recipient) from <see cref="Activity.Text"/>, stores and returns
    /// the cleaned text. Per the protocol: the text of every <c>mention</c> entity (type case-insensitive)
    /// whose <c>mentioned.id</c> is the recipient's id is removed; then, as hardening, remaining
    /// <c>&lt;at&gt;…&lt;/at&gt;</c> spans naming the bot are removed (entity text <c>&lt;at&gt;@Name&lt;/at&gt;</c> vs
    /// message text <c>&lt;at&gt;Name&lt;/at&gt;</c>), HTML entities such as <c>&amp;nbsp;</c> are decoded and
    /// whitespace is collapsed. Other people's mentions stay.
    /// </summary>
    public static string? RemoveRecipientMention(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text;
        var botId = activity.Recipient?.Id;
        if (text is null || string.IsNullOrEmpty(botId))
        {
            return text;
        }

        var botNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var otherMentions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        AddName(botNames, activity.Recipient?.Name);
        foreach (var mention in activity.GetMentions())
        {
            if (!string.Equals(mention.Mentioned?.Id, botId, StringComparison.Ordinal))
            {
                // Someone who shares the bot's display name is still someone else.
                if (!string.IsNullOrEmpty(mention.Text))
                {
                    otherMentions.Add(mention.Text);
                }

                continue;
            }

            AddName(botNames, mention.Mentioned?.Name);
            if (!string.IsNullOrEmpty(mention.Text))
            {
                text = text.Replace(mention.Text, " ", StringComparison.OrdinalIgnoreCase);
                AddName(botNames, AtSpanInner(mention.Text));
            }
        }

        text = AtSpan().Replace(
            text,
            match => !otherMentions.Contains(match.Value) && botNames.Contains(NormalizeName(match.Groups["name"].Value)) ? " " : match.Value);
        text = WebUtility.HtmlDecode(text);
        text = Whitespace().Replace(text, " ").Trim();

        activity.Text = text;
        return text;
    }

    /// <summary>Teams' <c>conversation.conversationType</c>: <c>personal</c>, <c>groupChat</c> or <c>channel</c>.</summary>
    public static string? GetConversationType(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Conversation?.ConversationType;
    }

    /// <summary>True in group chats and channels (more than two participants; mentions needed to reach the bot).</summary>
    public static bool IsGroupConversation(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Conversation?.IsGroup == true
            || activity.Conversation?.ConversationType is "groupChat" or "channel";
    }

    /// <summary>The typed Teams channelData, or null when absent or not an object.</summary>
    public static TeamsChannelData? GetTeamsChannelData(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.ChannelData is { ValueKind: JsonValueKind.Object } data
            ? data.Deserialize<TeamsChannelData>(BotJson.Options)
            : null;
    }

    /// <summary>
    /// The Teams channel id: <c>channelData.channel.id</c>, else the conversation id without its
    /// <c>;messageid=</c> thread suffix. Null outside channels.
    /// </summary>
    public static string? GetTeamsChannelId(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var fromChannelData = activity.GetTeamsChannelData()?.Channel?.Id;
        if (!string.IsNullOrEmpty(fromChannelData))
        {
            return fromChannelData;
        }

        if (activity.Conversation?.ConversationType != "channel" || activity.Conversation.Id is not { } id)
        {
            return null;
        }

        var marker = id.IndexOf(ThreadMessageIdMarker, StringComparison.OrdinalIgnoreCase);
        return marker < 0 ? id : id[..marker];
    }

    /// <summary>
    /// The id of the root message of the channel thread this activity is in (the part after
    /// <c>;messageid=</c> in the conversation id), or null when not in a thread. Replies addressed with the
    /// same conversation id stay in the thread.
    /// </summary>
    public static string? GetThreadRootMessageId(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var id = activity.Conversation?.Id;
        if (id is null)
        {
            return null;
        }

        var marker = id.IndexOf(ThreadMessageIdMarker, StringComparison.OrdinalIgnoreCase);
        return marker < 0 ? null : id[(marker + ThreadMessageIdMarker.Length)..];
    }

    private static void AddName(HashSet<string> names, string? name)
    {
        if (!string.IsNullOrWhiteSpace(name))
        {
            names.Add(NormalizeName(name));
        }
    }

    private static string? AtSpanInner(string mentionText)
    {
        var match = AtSpan().Match(mentionText);
        return match.Success ? match.Groups["name"].Value : null;
    }

    // "<at>@Support&nbsp;Bot</at>" and "<at>Support Bot</at>" name the same account.
    private static string NormalizeName(string name) =>
        Whitespace().Replace(WebUtility.HtmlDecode(name), " ").Trim().TrimStart('@').Trim();

    [GeneratedRegex(@"<at\b[^>]*>(?<name>.*?)</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AtSpan();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
