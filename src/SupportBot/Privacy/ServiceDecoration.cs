namespace SupportBot.Privacy;

/// <summary>
/// Wraps whatever implementation of a service was registered (by type, instance or factory) in a decorator,
/// so redaction and telemetry sit in front of every store a provider setting may choose (SQLite, Redis, a
/// test's fake) without each store knowing about them.
/// </summary>
internal static class ServiceDecoration
{
    /// <summary>
    /// Replaces the effective (last) registration of <typeparamref name="TService"/> with one that wraps it.
    /// Call after the service is registered; throws naming the service otherwise.
    /// </summary>
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<TService, IServiceProvider, TService> decorate)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(decorate);
        var index = -1;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(TService) && !services[i].IsKeyedService)
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            throw new InvalidOperationException($"{typeof(TService).Name} must be registered before it can be decorated.");
        }

        // The original registration moves under a private key, so the container still creates, shares and
        // disposes the inner store (a Redis connection, say) exactly as it would have.
        var inner = services[index];
        var key = new object();
        services.Add(inner.ImplementationInstance is { } instance
            ? new ServiceDescriptor(typeof(TService), key, instance)
            : inner.ImplementationFactory is { } factory
                ? new ServiceDescriptor(typeof(TService), key, (sp, _) => factory(sp), inner.Lifetime)
                : new ServiceDescriptor(typeof(TService), key, inner.ImplementationType!, inner.Lifetime));
        services[index] = ServiceDescriptor.Describe(typeof(TService), sp => decorate(sp.GetRequiredKeyedService<TService>(key), sp), inner.Lifetime);
        return services;
    }
}
