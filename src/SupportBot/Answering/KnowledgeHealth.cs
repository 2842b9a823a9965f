using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SupportBot.Answering;

/// <summary>
/// Readiness of the knowledge index, with the version serving and the last refused change in the check's data
/// (shown in the <c>/readyz</c> JSON). A refused change is Degraded: still ready (200), the old version serves,
/// but the folder holds something the replica is not answering from.
/// </summary>
internal static class KnowledgeHealth
{
    public static HealthCheckResult Check(bool ready, KnowledgeVersion? version, KnowledgeReloadError? lastError)
    {
        var data = new Dictionary<string, object>();
        if (ready && version is not null)
        {
            data["version"] = version.Id;
            data["loadedAt"] = version.LoadedAt;
            data["faqCount"] = version.FaqCount;
            data["passageCount"] = version.PassageCount;
        }

        if (lastError is not null)
        {
            data["lastReloadError"] = lastError;
        }

        if (!ready)
        {
            return HealthCheckResult.Unhealthy("knowledge index loading", data: data);
        }

        return lastError is null
            ? HealthCheckResult.Healthy($"knowledge version {version?.Id} loaded", data)
            : HealthCheckResult.Degraded($"serving knowledge version {version?.Id}; the change to {lastError.Version} was refused", data: data);
    }
}
