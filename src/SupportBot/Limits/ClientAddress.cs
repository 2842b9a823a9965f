using System.Net;
using System.Net.Sockets;

namespace SupportBot.Limits;

/// <summary>
/// The key per-client limits are counted under: the caller's IP address as the host sees it, which is the
/// forwarded client address when <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> (ASP.NET Core's forwarded-headers
/// middleware runs before everything else and rewrites <c>RemoteIpAddress</c>).
/// </summary>
internal static class ClientAddress
{
    /// <summary>Partition of requests with no address (in-process test servers, Unix sockets).</summary>
    public const string Unknown = "unknown";

    private const int Ipv6NetworkBytes = 8;

    /// <summary>
    /// The partition key. IPv6 clients are counted per /64, the block one subscriber is usually given, so
    /// rotating addresses inside it does not reset the count; IPv4-mapped IPv6 addresses count as IPv4.
    /// </summary>
    public static string For(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, Ipv6NetworkBytes, bytes.Length - Ipv6NetworkBytes);
        return new IPAddress(bytes) + "/64";
    }
}
