using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SupportBot.Storage.Redis;

/// <summary>
/// The process's one connection to Redis (StackExchange.Redis multiplexes every call and the pub/sub
/// subscription over it). Made with <c>abortConnect=false</c>, so it exists while Redis is down and reconnects
/// by itself; subscriptions are restored with it. Logs each outage once, when it starts and when it ends.
/// </summary>
internal sealed class RedisConnection : IDisposable
{
    private readonly ConfigurationOptions _configuration;
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;
    private readonly ILogger<RedisConnection> _logger;
    private int _down;

    public RedisConnection(IOptions<StorageOptions> options, ILogger<RedisConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        Prefix = options.Value.KeyPrefix;
        _configuration = ConfigurationOptions.Parse(options.Value.ConnectionString!);
        _configuration.AbortOnConnectFail = false;
        _multiplexer = new Lazy<ConnectionMultiplexer>(Connect);
    }

    /// <summary>Raised (on a library thread; handlers must be quick) when the connection is back after an outage.</summary>
    public event EventHandler? Restored;

    /// <summary>The prefix of every key and channel.</summary>
    public string Prefix { get; }

    /// <summary>The configured servers, for the health report (never the password).</summary>
    public string Endpoints => string.Join(",", _configuration.EndPoints.Select(e => e.ToString()));

    public IDatabase Database => _multiplexer.Value.GetDatabase();

    public ISubscriber Subscriber => _multiplexer.Value.GetSubscriber();

    /// <summary>True when commands can be sent now.</summary>
    public bool IsConnected => _multiplexer.Value.IsConnected;

    public RedisKey Key(string name) => Prefix + name;

    /// <summary>Connects now rather than on first use (returns at once when Redis refuses; it keeps trying).</summary>
    public void Open()
    {
        _ = _multiplexer.Value;
        Log.Using(_logger, Endpoints, Prefix);
    }

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }

    private ConnectionMultiplexer Connect()
    {
        var multiplexer = ConnectionMultiplexer.Connect(_configuration);

        // Exception messages would otherwise name the command's keys (conversation and token ids), and they reach logs.
        multiplexer.IncludeDetailInExceptions = false;
        multiplexer.ConnectionFailed += (_, e) =>
        {
            if (Interlocked.Exchange(ref _down, 1) == 0)
            {
                Log.Unreachable(_logger, e.FailureType.ToString());
            }
        };
        multiplexer.ConnectionRestored += (_, e) =>
        {
            // Interactive carries commands; Subscription carries pub/sub. Both matter to listeners, so tell them for each.
            if (e.ConnectionType == ConnectionType.Interactive && Interlocked.Exchange(ref _down, 0) == 1)
            {
                Log.Restored(_logger);
            }

            Restored?.Invoke(this, EventArgs.Empty);
        };
        if (!multiplexer.IsConnected && Interlocked.Exchange(ref _down, 1) == 0)
        {
            Log.Unreachable(_logger, "not reachable at start-up");
        }

        return multiplexer;
    }
}
