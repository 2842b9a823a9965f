using System.Collections;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace SupportBot.BotFramework.Authentication;

/// <summary>
/// Reads the non-standard <c>endorsements</c> member of an ABS signing key: the channel ids the key may
/// sign for.
/// </summary>
internal static class Endorsements
{
    public const string MemberName = "endorsements";

    /// <summary>
    /// The key's endorsements. IdentityModel keeps unknown JWK members in <see cref="JsonWebKey.AdditionalData"/>:
    /// with 8.16 the value is a <see cref="JsonElement"/> array (checked by EndorsementsTests); older
    /// versions used object lists, so those are accepted too.
    /// </summary>
    public static IReadOnlyList<string> Read(JsonWebKey key)
    {
        if (!key.AdditionalData.TryGetValue(MemberName, out var value) || value is null)
        {
            return [];
        }

        return value switch
        {
            string single => [single],
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String)
                .Select(e => e.GetString()!)
                .ToList(),
            JsonElement { ValueKind: JsonValueKind.String } element => [element.GetString()!],
            IEnumerable items => items.Cast<object?>().Select(i => i?.ToString()).OfType<string>().ToList(),
            _ => [],
        };
    }

    /// <summary>
    /// True when <paramref name="channelId"/> may be signed by a key with <paramref name="endorsements"/>:
    /// an empty channel id passes, a key without endorsements is unrestricted, else ordinal membership.
    /// </summary>
    public static bool Allows(IReadOnlyList<string> endorsements, string? channelId) =>
        string.IsNullOrEmpty(channelId) || endorsements.Count == 0 || endorsements.Contains(channelId, StringComparer.Ordinal);
}
