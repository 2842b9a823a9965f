using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace SupportBot.BotFramework.Authentication;

/// <summary>
/// OpenID metadata and signing keys of one issuer, refetched when older than the refresh interval and,
/// when a token names a key we do not know, at most once per unknown-key interval.
/// </summary>
/// <remarks>
/// Not <c>ConfigurationManager&lt;T&gt;</c>: from IdentityModel 8 on it refreshes in the background once
/// it has a configuration, so a refresh requested for an unknown <c>kid</c> cannot help the request
/// that found it. The SDK waits for the new keys, and so do we. Parsing is IdentityModel's own
/// (<see cref="OpenIdConnectConfigurationRetriever"/>); time comes from the injected clock.
/// </remarks>
internal sealed class OpenIdMetadataCache : IDisposable
{
    private readonly Uri _address;
    private readonly IDocumentRetriever _retriever;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refreshInterval;
    private readonly TimeSpan _unknownKeyRefreshInterval;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private Snapshot? _current;
    private DateTimeOffset _lastAttempt;

    public OpenIdMetadataCache(
        Uri address,
        IDocumentRetriever retriever,
        TimeProvider time,
        TimeSpan refreshInterval,
        TimeSpan unknownKeyRefreshInterval,
        ILogger logger)
    {
        _address = address;
        _retriever = retriever;
        _time = time;
        _refreshInterval = refreshInterval;
        _unknownKeyRefreshInterval = unknownKeyRefreshInterval;
        _logger = logger;
    }

    /// <summary>Current metadata, fetched first if missing or stale. Throws only if none was ever fetched.</summary>
    public async Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && _time.GetUtcNow() - current.FetchedAt < _refreshInterval)
        {
            return current.Configuration;
        }

        return await RefreshAsync(force: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Metadata after a refetch for a token signed by a key we do not have; the cached metadata, without
    /// fetching, if the last fetch is more recent than the unknown-key interval.
    /// </summary>
    public Task<OpenIdConnectConfiguration> RefreshForUnknownKeyAsync(CancellationToken cancellationToken) =>
        RefreshAsync(force: true, cancellationToken);

    public void Dispose() => _lock.Dispose();

    private async Task<OpenIdConnectConfiguration> RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var current = _current;
            if (current is not null && !IsFetchDue(current, force, now))
            {
                return current.Configuration;
            }

            _lastAttempt = now;
            try
            {
                var fetched = await OpenIdConnectConfigurationRetriever
                    .GetAsync(_address.AbsoluteUri, _retriever, cancellationToken)
                    .ConfigureAwait(false);
                Volatile.Write(ref _current, new Snapshot(fetched, now));
                Log.MetadataFetched(_logger, _address, fetched.SigningKeys.Count);
                return fetched;
            }
            catch (Exception ex) when (current is not null && ex is not OperationCanceledException)
            {
                // Stale keys are better than none: the issuer being briefly unreachable must not take the bot down.
                Log.MetadataRefreshFailed(_logger, _address, ex);
                return current.Configuration;
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    // Another caller may have refreshed while we waited. An unknown kid is refetched at most once per
    // interval, so a stream of junk tokens cannot turn us into a load generator for the issuer; a failed
    // periodic refresh is retried on the same schedule while the stale keys keep serving.
    private bool IsFetchDue(Snapshot current, bool force, DateTimeOffset now)
    {
        var sinceAttempt = now - _lastAttempt;
        if (force)
        {
            return sinceAttempt >= _unknownKeyRefreshInterval;
        }

        var lastAttemptSucceeded = _lastAttempt == current.FetchedAt;
        return now - current.FetchedAt >= _refreshInterval && (lastAttemptSucceeded || sinceAttempt >= _unknownKeyRefreshInterval);
    }

    private sealed record Snapshot(OpenIdConnectConfiguration Configuration, DateTimeOffset FetchedAt);
}
