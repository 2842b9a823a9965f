using System.Security.Cryptography;
using System.Text;
using SupportBot.BotFramework.Schema;

namespace SupportBot.Bot;

/// <summary>
/// The state key of one user in one conversation (a Teams channel thread is its own conversation). Hashed,
/// so stores never hold raw user or conversation ids.
/// </summary>
internal static class ConversationKey
{
    public static string For(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var raw = string.Join('\n', activity.ChannelId, activity.Conversation?.Id, activity.From?.Id);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)), 0, 20);
    }
}
