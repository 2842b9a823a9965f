using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SupportBot.Answering;

namespace SupportBot.Health;

/// <summary>Probes for orchestrators: <c>/healthz</c> (the process answers) and <c>/readyz</c> (the index is loaded; 503 before).</summary>
public static class HealthApi
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<KnowledgeIndexHealthCheck>("knowledge-index", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        // Never limited or shed: an orchestrator that cannot reach the probes under load would restart a busy host.
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).DisableRateLimiting();
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).DisableRateLimiting();
        return endpoints;
    }
}

/// <summary>Healthy once the answer engine is built.</summary>
internal sealed class KnowledgeIndexHealthCheck(IAnswerEngineProvider engines) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(engines.IsReady ? HealthCheckResult.Healthy("knowledge index loaded") : HealthCheckResult.Unhealthy("knowledge index loading"));
}
