using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SupportBot.Answering;
using SupportBot.Storage;

namespace SupportBot.Health;

/// <summary>
/// Probes for orchestrators: <c>/healthz</c> (the process answers) and <c>/readyz</c> (the index is loaded; 503
/// before), both as JSON (<see cref="HealthJson"/>); <c>/readyz</c> names the knowledge version serving, and a
/// Degraded check (Redis down, a refused knowledge change) keeps it 200, since questions are still answered.
/// </summary>
public static class HealthApi
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<KnowledgeIndexHealthCheck>("knowledge-index", tags: [ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        // Never limited or shed: an orchestrator that cannot reach the probes under load would restart a busy host.
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthJson.WriteAsync }).DisableRateLimiting();
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = HealthJson.WriteAsync }).DisableRateLimiting();
        return endpoints;
    }
}

/// <summary>Healthy once the answer engine is built; Degraded while a refused knowledge change is pending (see <see cref="KnowledgeHealth"/>).</summary>
internal sealed class KnowledgeIndexHealthCheck(IAnswerEngineProvider engines, AnswerEngineProvider loaded, KnowledgeReloader reloader) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(KnowledgeHealth.Check(engines.IsReady, loaded.CurrentVersion, reloader.LastError));
}
